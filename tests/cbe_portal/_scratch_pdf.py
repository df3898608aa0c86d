# Scratch (to delete): dump the demo's 2020 report page and PDF to /tmp/cbe.
from io import StringIO

from django.core.management import call_command
from django.test import Client


def test_dump():
    call_command("demo", "--no-serve", stdout=StringIO())
    client = Client()
    write("/tmp/cbe/report.html", client.get("/rapport/2020/").content)
    write("/tmp/cbe/report.pdf", client.get("/rapport/2020.pdf").content)
    for path in ["/ptce/membres/carte/", "/circuits/", "/plie/"]:
        write("/tmp/cbe/" + path.strip("/").replace("/", "_") + ".html", client.get(path).content)


def write(path, content):
    with open(path, "wb") as f:
        f.write(content)
