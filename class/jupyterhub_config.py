# JupyterHub for a class on one machine: every student gets their own Jupyter server, started from this
# checkout's .venv/ (JupyterLab, Notebook 7 and the project's TypeScript kernel), in their own folder
# holding a fresh copy of the lessons. Students' edits land in that copy, never in notebooks/.
#
# Started by `npm run class:hub` (class/hub.mjs), which sets the environment variables read below.
# Everything listens on 127.0.0.1 only; put a TLS-terminating reverse proxy in front to open it to a
# classroom, or use Zero to JupyterHub on Kubernetes (class/k8s/) for more students than one machine holds.
#
#   OPTIMLAB_HUB_PORT      the hub's public port (default 8000); the proxy's API and the hub's own
#                          API use the next two ports
#   OPTIMLAB_HUB_STATE     where the hub keeps its database and cookie secret (default build/hub)
#   OPTIMLAB_HUB_HOMES     where each student's folder is made: <homes>/<username> (default build/hub/homes)
#   OPTIMLAB_HUB_AUTH      "dummy" (default: any username, one shared password) or "pam" (the machine's
#                          user accounts; the hub must run as root and each student is a system user)
#   OPTIMLAB_HUB_PASSWORD  the shared password for "dummy" (required with it)
#   OPTIMLAB_HUB_ADMIN_TOKEN  when set, a service "optimlab-admin" with this token may create users,
#                          start and stop servers and make tokens (the tests, bench and grading scripts use it)
#   OPTIMLAB_HUB_USERS     comma-separated usernames allowed to log in (default: anyone the authenticator accepts)
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from copy_lessons import copy_lessons  # noqa: E402 (class/ is importable only after the line above)

c = get_config()  # noqa: F821 (JupyterHub provides it)

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
venv_bin = os.path.join(root, ".venv", "bin")
state = os.path.abspath(os.environ.get("OPTIMLAB_HUB_STATE", os.path.join(root, "build", "hub")))
homes = os.path.abspath(os.environ.get("OPTIMLAB_HUB_HOMES", os.path.join(state, "homes")))
port = int(os.environ.get("OPTIMLAB_HUB_PORT", "8000"))
os.makedirs(state, exist_ok=True)

# --- network: loopback only -------------------------------------------------------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = port + 2
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 1}"
c.ConfigurableHTTPProxy.command = [os.path.join(root, "node_modules", ".bin", "configurable-http-proxy")]
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")

# --- who may log in -----------------------------------------------------------------------------------
auth = os.environ.get("OPTIMLAB_HUB_AUTH", "dummy")
if auth == "dummy":
    password = os.environ.get("OPTIMLAB_HUB_PASSWORD")
    if not password:
        sys.exit("optimlab hub: OPTIMLAB_HUB_AUTH=dummy needs OPTIMLAB_HUB_PASSWORD (the class's shared password)")
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = password
    # Each student is a folder under `homes`, all run as the hub's own system user.
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(homes, "{username}")
elif auth == "pam":
    c.JupyterHub.authenticator_class = "pam"
    c.JupyterHub.spawner_class = "localprocess"  # each student runs as their own system user, in ~
else:
    sys.exit(f'optimlab hub: OPTIMLAB_HUB_AUTH must be "dummy" or "pam", got "{auth}"')
users = [u.strip() for u in os.environ.get("OPTIMLAB_HUB_USERS", "").split(",") if u.strip()]
if users:
    c.Authenticator.allowed_users = set(users)
else:
    c.Authenticator.allow_all = True

# --- each student's server: this checkout's Jupyter and kernel, on their own copy of the lessons -------
c.Spawner.cmd = [os.path.join(venv_bin, "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab/tree/lessons"
c.Spawner.environment = {
    "PATH": venv_bin + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
    "JUPYTER_PREFER_ENV_PATH": "1",  # the kernelspec in .venv/ before any user-level one
}
# Passed through so that a script can find (and end) every process its hub started, whatever the session.
c.Spawner.env_keep = ["OPTIMLAB_HUB_RUN", "OPTIMLAB_HUB_OWNER", "LANG", "LC_ALL"]
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
# A student's idle kernel is shut down after an hour; their server stays.
c.Spawner.args = ["--MappingKernelManager.cull_idle_timeout=3600", "--MappingKernelManager.cull_interval=300"]
if auth == "dummy" and os.getuid() == 0:
    c.Spawner.args.append("--allow-root")  # the students' servers run as the hub's user, here root


def give_lessons(spawner):
    """Copies the lessons the student does not have yet into their folder (their own edits stay)."""
    home = spawner.home_dir if hasattr(spawner, "home_dir") else os.path.expanduser(f"~{spawner.user.name}")
    target = copy_lessons(home, root)
    if auth == "pam":
        import pwd

        entry = pwd.getpwnam(spawner.user.name)
        for dirpath, dirnames, filenames in os.walk(target):
            for name in [dirpath] + [os.path.join(dirpath, f) for f in dirnames + filenames]:
                os.lchown(name, entry.pw_uid, entry.pw_gid)


c.Spawner.pre_spawn_hook = give_lessons

# --- a service for scripts (tests, bench, collecting assignments) ------------------------------------
admin_token = os.environ.get("OPTIMLAB_HUB_ADMIN_TOKEN")
if admin_token:
    c.JupyterHub.services = [{"name": "optimlab-admin", "api_token": admin_token}]
    c.JupyterHub.load_roles = [
        {
            "name": "optimlab-admin",
            "scopes": ["admin:users", "admin:servers", "admin:server_state", "tokens", "list:users", "read:users"],
            "services": ["optimlab-admin"],
        }
    ]
