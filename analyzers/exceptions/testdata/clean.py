"""A module that handles errors well: nothing to report."""
import contextlib
import logging

log = logging.getLogger(__name__)


class ConfigError(Exception):
    pass


def load_port(text):
    try:
        return int(text)
    except ValueError as err:
        raise ConfigError(text) from err


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return ""
    except OSError:
        log.exception("could not read %s", path)
        raise
    finally:
        log.debug("read %s", path)


def optional(path):
    with contextlib.suppress(FileNotFoundError):
        return read(path)
    return None
