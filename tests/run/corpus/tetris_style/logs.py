"""``logs.py`` of a 2019 game-playing DQN project: a ``CustomTensorBoard`` over Keras 2's TensorBoard.

Pattern reproduced: the small "logs" module of 2019 DQN game projects:
``from tensorflow.summary import FileWriter`` (a TF 1.x module attribute imported directly),
``class CustomTensorBoard(TensorBoard)`` whose ``__init__(**kwargs)`` calls ``super().__init__``
and sets ``self.writer = FileWriter(self.log_dir)``, ``set_model`` silenced, and
``log(step, **stats)`` delegating to Keras 2's private ``self._write_logs(stats, step)``.
Imported by ``run.py`` beside it; runs nothing on import.
"""
from keras.callbacks import TensorBoard
from tensorflow.summary import FileWriter


class CustomTensorBoard(TensorBoard):

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.writer = FileWriter(self.log_dir)

    def set_model(self, model):
        pass

    def log(self, step, **stats):
        self._write_logs(stats, step)
