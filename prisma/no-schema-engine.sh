#!/bin/sh
echo "schema engine binary is not used: prisma/ scripts run the WebAssembly engine" >&2
exit 1
