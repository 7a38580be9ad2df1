"""A Neuro that accepts websocket upgrades and then never answers anything, not even a close
frame: a game that closes its connection waits for its close timeout. Used by SignalTests to
keep neuro-host busy shutting down while a second signal arrives.

Binds 127.0.0.1 on an ephemeral port, writes the port to the file named by its argument, and
serves until it is terminated (at most 120 s)."""

import base64
import hashlib
import os
import signal
import socket
import sys
import threading

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def serve(connection):
    with connection:
        request = b""
        while b"\r\n\r\n" not in request and len(request) < 65536:
            chunk = connection.recv(4096)
            if not chunk:
                return
            request += chunk
        key = ""
        for line in request.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            if name.strip().lower() == "sec-websocket-key":
                key = value.strip()
        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        connection.sendall(
            (
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept}\r\n\r\n"
            ).encode()
        )
        # Read and ignore every frame until the game drops TCP.
        while connection.recv(65536):
            pass


def main():
    # A parent may have blocked these signals; the test stops this process with SIGTERM.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    parent = os.getppid()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(1)
    with open(sys.argv[1] + ".tmp", "w") as port_file:
        port_file.write(str(listener.getsockname()[1]))
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])
    # Bounded: 120 s at most, and not a moment longer than the test process that started it.
    for _ in range(120):
        if os.getppid() != parent:
            break
        try:
            connection, _ = listener.accept()
        except socket.timeout:
            continue
        except KeyboardInterrupt:
            break
        threading.Thread(target=serve, args=(connection,), daemon=True).start()
    os._exit(0)


if __name__ == "__main__":
    main()
