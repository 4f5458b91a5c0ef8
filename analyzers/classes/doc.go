/*
Package classes defines an Analyzer that explains class definitions.

# Analyzer classes

classes: anchors class definitions, the self (or cls) parameter of methods,
__init__, and the @classmethod, @staticmethod and @property decorators. It
reports nothing.

	class Account(Base):             # class: inherits from Base
	    def __init__(self, owner):   # initialiser; self: the instance
	        self.owner = owner

	    @classmethod                 # receives the class
	    def from_dict(cls, d):       # cls: the class
	        return cls(d["owner"])

	    @staticmethod                # no self or cls
	    def validate(owner):
	        return bool(owner)

	    @property                    # computed attribute
	    def label(self):
	        return self.owner.title()
*/
package classes
