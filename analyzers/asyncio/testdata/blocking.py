import asyncio
import socket
import subprocess
import time
import urllib.request
from time import sleep as snooze

import requests
import requests as rq
from helpers import Session


async def poll(url):
    while True:
        response = requests.get(url, timeout=10)  # want [blocking-call-in-async] "`requests.get\\(...\\)` blocks the event loop inside `async def poll`: no other task runs until it returns; use an async HTTP client"
        print(response.status_code)
        time.sleep(5)  # want [blocking-call-in-async] "use `await asyncio.sleep\\(...\\)`"


async def variety(url):
    snooze(1)  # want [blocking-call-in-async]
    rq.post(url)  # want [blocking-call-in-async]
    requests.request("GET", url)  # want [blocking-call-in-async]
    urllib.request.urlopen(url)  # want [blocking-call-in-async] "asyncio.to_thread\\(urllib.request.urlopen"
    subprocess.run(["ls"])  # want [blocking-call-in-async] "asyncio.create_subprocess_exec"
    out = subprocess.check_output(["ls"])  # want [blocking-call-in-async]
    conn = socket.create_connection(("example.com", 80))  # want [blocking-call-in-async] "asyncio.open_connection"
    conn.recv(1024)  # want [blocking-call-in-async]
    with requests.Session() as s:
        s.get(url)  # want [blocking-call-in-async]
    session = requests.Session()
    session.post(url)  # want [blocking-call-in-async]
    [time.sleep(0.1) for _ in range(3)]  # want [blocking-call-in-async]
    return out


class Client:
    async def fetch(self, url):
        return requests.get(url)  # want [blocking-call-in-async] "inside `async def fetch`"


# Near misses.
async def ok(url):
    await asyncio.sleep(1)
    await asyncio.to_thread(time.sleep, 1)
    await asyncio.to_thread(requests.get, url, timeout=10)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, requests.get, url)
    await loop.run_in_executor(None, lambda: time.sleep(1))
    proc = subprocess.Popen(["ls"])  # starting a process does not block

    def blocking_helper():
        time.sleep(1)  # a regular nested def: runs wherever it is called
        requests.get(url)

    await asyncio.to_thread(blocking_helper)
    sock = socket.socket()
    sock.setblocking(False)
    await loop.sock_connect(sock, ("example.com", 80))
    sock.send(b"x")  # non-blocking socket
    other = Session()
    other.get(url)  # not a requests session
    return proc


async def param_socket(sock, session):
    sock.recv(10)  # not created here: may be non-blocking
    session.get("u")  # unknown session


def sync_code(url):
    time.sleep(1)
    requests.get(url)


async def shadowed():
    def sleep(n):
        return n

    sleep(1)
    time = FakeTime()
    time.sleep(1)


class FakeTime:
    def sleep(self, n):
        return n
