# Nothing is reported where a syntax error makes the facts unreliable.
import threading


def work():
    pass


def start():
    t = threading.Thread(target=work())
    x = (
