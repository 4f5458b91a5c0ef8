/*
Package exceptions defines an Analyzer for try, except, else, finally and
raise.

# Analyzer exceptions

exceptions: anchors try statements, their clauses and raise statements, and
reports bare and swallowing handlers, jumps out of finally, raise without
from in a handler, and handlers that can never run.

A handler should name what it expects and leave a trace; finally is for
cleanup; a handler for a subclass must come before one for its base:

	try:
	    port = int(text)
	except ValueError:
	    raise ConfigError(text)   # raise-without-from
	except:                       # bare-except, swallowed-exception
	    pass
	finally:
	    return port               # return-in-finally

	try:
	    data = open(path).read()
	except OSError:
	    data = ""
	except FileNotFoundError:     # except-order: OSError already caught it
	    data = None

Use instead:

	try:
	    port = int(text)
	except ValueError as err:
	    raise ConfigError(text) from err

	try:
	    data = open(path).read()
	except FileNotFoundError:
	    data = None
	except OSError:
	    data = ""
*/
package exceptions
