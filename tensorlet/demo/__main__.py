"""`python -m tensorlet.demo` runs the demo."""

from tensorlet.demo import main

main()
