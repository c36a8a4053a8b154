"""Production serving on one machine: nginx in front, HAProxy behind it, N Streamlit replicas, one database.

browser ──► nginx :PORT ──► /static/*  pre-compressed files from disk (gzip_static, brotli_static, immutable)
                      └───► everything else (pages, /_stcore/*, the websocket), compressed on the fly
                                ──► HAProxy (loopback) ── cookie affinity, health checks ──► replica 1..N
                                                                                    └──► PROGRESS_DATABASE_URL

assets.py       Streamlit's static folder pre-compressed once into var/deploy/static/<version>/
secret_file.py  the one shared secret file (cookie and auth secrets), created 0600 on first start
config.py       nginx.conf / haproxy.cfg from the templates next to it (pure: values in, text out)
stack.py        Stack: starts and stops the replicas, HAProxy and nginx as processes (by process group)
serve.py        `python -m deploy.serve --replicas 2 --port 8080` (`make serve`): the stack until Ctrl-C / SIGTERM
"""
