"""``dqn_agent.py`` of a 2019 game-playing DQN project: plain Keras, nothing version-specific.

Pattern reproduced: the agent module of 2019 DQN game projects: ``from keras.models import
Sequential``, ``from keras.layers import Dense``, ``compile(loss='mse', optimizer='adam')``, a
``deque`` replay memory, one ``predict`` to score the candidate states and ``fit(x, y, batch_size=...,
epochs=..., verbose=0)`` on a sampled batch. It uses only names that mean the same in Keras 2 and
Keras 3, so it is today's code even inside a 2019 project. Imported by ``run.py``.
"""
import random
from collections import deque

import numpy as np
from keras.layers import Dense
from keras.models import Sequential


class DQNAgent:
    def __init__(self, state_size, mem_size=1000, discount=0.95, epsilon=1.0, epsilon_min=0.0,
                 epsilon_stop_episode=5, replay_start_size=8):
        self.state_size = state_size
        self.memory = deque(maxlen=mem_size)
        self.discount = discount
        self.epsilon = epsilon
        self.epsilon_min = epsilon_min
        self.epsilon_decay = (self.epsilon - self.epsilon_min) / epsilon_stop_episode
        self.replay_start_size = replay_start_size
        self.model = self._build_model()

    def _build_model(self):
        model = Sequential()
        model.add(Dense(16, input_dim=self.state_size, activation='relu'))
        model.add(Dense(1, activation='linear'))
        model.compile(loss='mse', optimizer='adam')
        return model

    def add_to_memory(self, current_state, next_state, reward, done):
        self.memory.append((current_state, next_state, reward, done))

    def predict_value(self, state):
        return self.model.predict(np.reshape(state, [1, self.state_size]), verbose=0)[0]

    def best_state(self, states):
        if random.random() <= self.epsilon:
            return random.choice(list(states))
        states = list(states)
        values = self.model.predict(np.array(states), verbose=0)
        return states[int(np.argmax(values[:, 0]))]

    def train(self, batch_size=8, epochs=1):
        if len(self.memory) < self.replay_start_size:
            return
        batch = random.sample(self.memory, batch_size)
        next_states = np.array([x[1] for x in batch])
        next_qs = [x[0] for x in self.model.predict(next_states, verbose=0)]
        x, y = [], []
        for i, (state, _, reward, done) in enumerate(batch):
            x.append(state)
            y.append(reward if done else reward + self.discount * next_qs[i])
        self.model.fit(np.array(x), np.array(y), batch_size=batch_size, epochs=epochs, verbose=0)
        if self.epsilon > self.epsilon_min:
            self.epsilon -= self.epsilon_decay
