"""A 2018 ``tf.layers`` DQN agent that logs ``tf.summary.scalar`` of placeholders fed per episode.

Style: the DQN repositories of 2017-2018. An ``Agent`` class with an online and
a target Q-network built by ``tf.layers.dense`` in ``tf.variable_scope``s,
a target-update op from ``tf.get_collection(TRAINABLE_VARIABLES, scope)`` +
``tf.assign``, a replay buffer, epsilon-greedy exploration, ``tf.summary.scalar``
over placeholders (``episode_reward``, ``epsilon``) merged with
``tf.summary.merge`` and fed once per episode, the training loss and a
``tf.summary.histogram`` of the Q-values merged separately.

The environment is a small corridor (reach the right end), so it runs in seconds.
Runs on TF 2.21 unmodified through ``tfcompat run``.
Usage:  tfcompat run legacy_examples/tf1_surface/tf1_layers_dqn_agent.py LOGDIR [EPISODES]
"""
import random
import sys
from collections import deque

import numpy as np
import tensorflow as tf


class Corridor(object):
    """States 0..n-1; action 1 moves right, 0 left; reward 1 at the right end, -0.01 per step."""

    def __init__(self, n=6, max_steps=30):
        self.n, self.max_steps = n, max_steps

    def reset(self):
        self.pos, self.t = 0, 0
        return self._obs()

    def _obs(self):
        obs = np.zeros(self.n, np.float32)
        obs[self.pos] = 1.0
        return obs

    def step(self, action):
        self.t += 1
        self.pos = min(self.n - 1, self.pos + 1) if action == 1 else max(0, self.pos - 1)
        done = self.pos == self.n - 1 or self.t >= self.max_steps
        reward = 1.0 if self.pos == self.n - 1 else -0.01
        return self._obs(), reward, done


class Agent(object):
    def __init__(self, n_states, n_actions, gamma=0.9, lr=0.01):
        self.n_actions = n_actions
        self.state = tf.placeholder(tf.float32, [None, n_states], name='state')
        self.action = tf.placeholder(tf.int32, [None], name='action')
        self.target = tf.placeholder(tf.float32, [None], name='target')
        self.q = self._network(self.state, 'online')
        self.q_target = self._network(self.state, 'target')
        online = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope='online')
        target = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope='target')
        self.update_target = tf.group(*[tf.assign(t, o) for t, o in zip(target, online)])

        chosen = tf.reduce_sum(self.q * tf.one_hot(self.action, n_actions), axis=1)
        self.loss = tf.reduce_mean(tf.square(self.target - chosen))
        self.train_op = tf.train.AdamOptimizer(lr).minimize(self.loss, var_list=online)
        self.train_summary = tf.summary.merge([tf.summary.scalar('loss', self.loss),
                                               tf.summary.histogram('q_values', self.q)])

        with tf.name_scope('episode'):
            self.reward_ph = tf.placeholder(tf.float32, name='episode_reward')
            self.epsilon_ph = tf.placeholder(tf.float32, name='epsilon')
            self.episode_summary = tf.summary.merge([tf.summary.scalar('episode_reward', self.reward_ph),
                                                     tf.summary.scalar('epsilon', self.epsilon_ph)])
        self.gamma = gamma

    def _network(self, state, scope):
        with tf.variable_scope(scope):
            hidden = tf.layers.dense(state, 32, activation=tf.nn.relu)
            return tf.layers.dense(hidden, self.n_actions)

    def act(self, sess, obs, epsilon):
        if random.random() < epsilon:
            return random.randrange(self.n_actions)
        return int(np.argmax(sess.run(self.q, {self.state: obs[None]})[0]))

    def learn(self, sess, batch):
        states, actions, rewards, next_states, dones = map(np.array, zip(*batch))
        next_q = sess.run(self.q_target, {self.state: next_states}).max(axis=1)
        targets = rewards + self.gamma * next_q * (1.0 - dones)
        _, loss, summary = sess.run([self.train_op, self.loss, self.train_summary],
                                    {self.state: states, self.action: actions, self.target: targets})
        return loss, summary


def main(logdir, episodes=60):
    random.seed(0)
    np.random.seed(0)
    tf.set_random_seed(0)
    env = Corridor()
    agent = Agent(env.n, 2)
    memory = deque(maxlen=2000)
    epsilon, steps = 1.0, 0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(agent.update_target)
        writer = tf.summary.FileWriter(logdir, sess.graph)
        for episode in range(episodes):
            obs, total, done = env.reset(), 0.0, False
            while not done:
                action = agent.act(sess, obs, epsilon)
                next_obs, reward, done = env.step(action)
                memory.append((obs, action, reward, next_obs, float(done)))
                obs, total, steps = next_obs, total + reward, steps + 1
                if len(memory) >= 32:
                    loss, summary = agent.learn(sess, random.sample(memory, 32))
                    if steps % 10 == 0:
                        writer.add_summary(summary, steps)
                if steps % 50 == 0:
                    sess.run(agent.update_target)
            writer.add_summary(sess.run(agent.episode_summary,
                                        {agent.reward_ph: total, agent.epsilon_ph: epsilon}), episode)
            epsilon = max(0.05, epsilon * 0.93)
            print('episode %d reward %.2f epsilon %.2f' % (episode, total, epsilon))
        writer.close()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '/tmp/dqn_logs', int(sys.argv[2]) if len(sys.argv) > 2 else 60)
