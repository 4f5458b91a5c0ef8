/*
Package repr defines an Analyzer for __str__, __repr__ and __format__.

# Analyzer repr

repr: anchors __str__, __repr__ and __format__ definitions, repr() calls and
!r conversions, and reports classes that define __str__ without __repr__.

repr() never falls back to __str__, so a class with only __str__ still shows
as <Money object at 0x...> in lists, debuggers and logs:

	class Money:                     # str-without-repr
	    def __str__(self):
	        return f"{self.amount:.2f} {self.currency}"

Use instead:

	class Money:
	    def __repr__(self):
	        return f"Money({self.amount!r}, {self.currency!r})"

	    def __str__(self):
	        return f"{self.amount:.2f} {self.currency}"
*/
package repr
