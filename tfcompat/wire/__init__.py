"""The bytes of TensorBoard's event-file format, both directions, without TensorFlow.

Internal layer shared by the writing side (``v1``, ``keras``) and the reading side
(``logs``): :mod:`~tfcompat.wire.crc` (masked CRC32C), :mod:`~tfcompat.wire.records`
(record framing and scanning), :mod:`~tfcompat.wire.encode` (Event/Summary protobuf
bytes built by hand), :mod:`~tfcompat.wire.decode` (tensor and summary values back to
numpy) and :mod:`~tfcompat.wire.event_writer` (the one writer of event files).
Imports only the standard library, numpy, tensorboard's protos and ``tfcompat._errors``.
"""
