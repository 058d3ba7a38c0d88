"""DQN agent with the ``ModifiedTensorBoard`` callback of the 2019 RL tutorials (Keras 2.2 + TF 1.x).

Pattern reproduced: the widely copied ``ModifiedTensorBoard(TensorBoard)`` from the Deep-Q-learning
tutorial series: ``__init__(**kwargs)`` calling ``super().__init__(**kwargs)``, ``self.step = 1``,
``self.writer = tf.summary.FileWriter(self.log_dir)``; ``set_model`` overridden to do nothing,
``on_epoch_end`` forwarding to ``update_stats(**logs)``, ``on_batch_end`` / ``on_train_end``
silenced, ``update_stats`` calling the Keras 2 private ``self._write_logs(stats, self.step)``.
The agent fits on a replay minibatch every step and passes the callback only on terminal
steps; per-episode aggregates go through ``update_stats``. Environment: a generated corridor.

Usage: python keras2_modified_tensorboard_dqn.py [LOGDIR]
"""
import os
import random
import sys
from collections import deque

import numpy as np
import tensorflow as tf
from keras.callbacks import TensorBoard
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import Adam

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_modified_tensorboard_dqn')
REPLAY_MEMORY_SIZE = 200
MIN_REPLAY_MEMORY_SIZE = 8
MINIBATCH_SIZE = 8
DISCOUNT = 0.9
EPISODES = 4
EPISODE_LENGTH = 4
AGGREGATE_STATS_EVERY = 2


class ModifiedTensorBoard(TensorBoard):
    # Overriding init to set initial step and writer (we want one log file for all .fit() calls)
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.step = 1
        self.writer = tf.summary.FileWriter(self.log_dir)

    # Overriding this method to stop creating default log writer
    def set_model(self, model):
        pass

    # Overrided, saves logs with our step number (otherwise every .fit() will start writing from 0th step)
    def on_epoch_end(self, epoch, logs=None):
        self.update_stats(**logs)

    # Overrided: we train for one batch only, no need to save anything at batch end
    def on_batch_end(self, batch, logs=None):
        pass

    # Overrided, so won't close writer
    def on_train_end(self, _):
        pass

    # Custom method for saving own metrics: creates writer, writes custom metrics and closes writer
    def update_stats(self, **stats):
        self._write_logs(stats, self.step)


class DQNAgent:
    def __init__(self):
        self.model = self.create_model()
        self.target_model = self.create_model()
        self.target_model.set_weights(self.model.get_weights())
        self.replay_memory = deque(maxlen=REPLAY_MEMORY_SIZE)
        self.tensorboard = ModifiedTensorBoard(log_dir=LOGDIR)

    def create_model(self):
        model = Sequential()
        model.add(Dense(16, input_shape=(4,), activation='relu'))
        model.add(Dense(2, activation='linear'))
        model.compile(loss='mse', optimizer=Adam(lr=0.001), metrics=['accuracy'])
        return model

    def update_replay_memory(self, transition):
        self.replay_memory.append(transition)

    def get_qs(self, state):
        return self.model.predict(np.array(state).reshape(-1, 4))[0]

    def train(self, terminal_state):
        if len(self.replay_memory) < MIN_REPLAY_MEMORY_SIZE:
            return
        minibatch = random.sample(self.replay_memory, MINIBATCH_SIZE)
        current_qs_list = self.model.predict(np.array([t[0] for t in minibatch]))
        future_qs_list = self.target_model.predict(np.array([t[3] for t in minibatch]))
        X, y = [], []
        for index, (state, action, reward, new_state, done) in enumerate(minibatch):
            new_q = reward if done else reward + DISCOUNT * np.max(future_qs_list[index])
            current_qs = current_qs_list[index]
            current_qs[action] = new_q
            X.append(state)
            y.append(current_qs)
        self.model.fit(np.array(X), np.array(y), batch_size=MINIBATCH_SIZE, verbose=0, shuffle=False,
                       callbacks=[self.tensorboard] if terminal_state else None)


random.seed(1)
np.random.seed(1)
agent = DQNAgent()
epsilon = 1.0
ep_rewards = []
for episode in range(1, EPISODES + 1):
    agent.tensorboard.step = episode
    episode_reward = 0.0
    current_state = np.zeros(4)
    for step in range(EPISODE_LENGTH):
        if np.random.random() > epsilon:
            action = int(np.argmax(agent.get_qs(current_state)))
        else:
            action = np.random.randint(0, 2)
        new_state = np.roll(current_state, 1) + (0.1 if action else -0.1)
        reward = 1.0 if action == 1 else -0.2
        done = step == EPISODE_LENGTH - 1
        episode_reward += reward
        agent.update_replay_memory((current_state, action, reward, new_state, done))
        agent.train(done)
        current_state = new_state
    ep_rewards.append(episode_reward)
    if not episode % AGGREGATE_STATS_EVERY or episode == 1:
        recent = ep_rewards[-AGGREGATE_STATS_EVERY:]
        agent.tensorboard.update_stats(reward_avg=sum(recent) / len(recent), reward_min=min(recent),
                                       reward_max=max(recent), epsilon=epsilon)
    epsilon = max(0.05, epsilon * 0.8)
print('episodes: %d' % len(ep_rewards))
