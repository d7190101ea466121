"""Gives a student a folder `lessons/` holding every lesson of the course they do not have yet, and a
link that makes `import ... from "optimlab"` resolve from it. Their own edits stay: a lesson already
there is never overwritten. Used by the class hub (jupyterhub_config.py, before a student's server
starts) and by the Kubernetes image (class/k8s/values.yaml, when a student's pod starts).

Usage: python copy_lessons.py HOME [CHECKOUT]   (CHECKOUT defaults to the folder above class/)
"""
import filecmp
import os
import shutil
import sys


def copy_lessons(home, checkout):
    """Copies missing lessons into HOME/lessons and links HOME/lessons/node_modules/optimlab; returns the folder."""
    lessons = os.path.join(checkout, "notebooks")
    target = os.path.join(home, "lessons")
    os.makedirs(target, exist_ok=True)
    for name in sorted(os.listdir(lessons)):
        if name.endswith(".ipynb") and not os.path.exists(os.path.join(target, name)):
            shutil.copyfile(os.path.join(lessons, name), os.path.join(target, name))
    link = os.path.join(target, "node_modules", "optimlab")
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(checkout, link)
    # The scripts a page loads from the server (plotly.js, the library's browser bundle for live figures):
    # real files, as Jupyter serves nothing behind a link that leaves its root. Copied from the folder
    # `npm install` fills beside the repo's lessons, again whenever the library's copy has changed.
    assets = os.path.join(lessons, "node_modules", "optimlab-assets")
    copies = os.path.join(target, "node_modules", "optimlab-assets")
    if os.path.isdir(assets):
        os.makedirs(copies, exist_ok=True)
        for name in sorted(os.listdir(assets)):
            source, copy = os.path.join(assets, name), os.path.join(copies, name)
            if not os.path.exists(copy) or not filecmp.cmp(source, copy, shallow=False):
                shutil.copyfile(source, copy)
    return target


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    copy_lessons(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(here))
