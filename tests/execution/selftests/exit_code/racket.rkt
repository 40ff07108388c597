#lang racket/base
(require racket/port)
(void (port->string (current-input-port)))
(displayln "out")
(displayln "err" (current-error-port))
(exit 42)
