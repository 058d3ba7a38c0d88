"""``run.py`` of a 2019 game-playing DQN project: imports the agent and the custom TensorBoard.

Pattern reproduced: the entry script of 2019 DQN game projects split over three files: it imports
``DQNAgent`` from ``dqn_agent.py`` and ``CustomTensorBoard`` from ``logs.py`` (siblings, found on
the script's directory), plays episodes of a game, and every few episodes calls
``log.log(episode, avg_score=..., min_score=..., max_score=...)``. The "game" is a generated
line-clearing puzzle scored in Python. It imports neither TensorFlow nor Keras itself.

Usage: python tetris_style/run.py [LOGDIR]
"""
import os
import random
import sys
from statistics import mean

from dqn_agent import DQNAgent
from logs import CustomTensorBoard


class LineGame:
    """Each move places a piece in one of 4 columns; a full row scores."""

    def reset(self):
        self.heights = [0, 0, 0, 0]
        self.moves = 0
        return self.state()

    def state(self):
        return [h / 4.0 for h in self.heights]

    def next_states(self):
        out = {}
        for col in range(4):
            h = list(self.heights)
            h[col] += 1
            out[col] = [v / 4.0 for v in h]
        return out

    def play(self, col):
        self.heights[col] += 1
        self.moves += 1
        score = 0
        if min(self.heights) > 0:
            self.heights = [v - 1 for v in self.heights]
            score = 10
        done = max(self.heights) >= 4 or self.moves >= 6
        return score, done


def dqn(log_dir):
    random.seed(0)
    env = LineGame()
    episodes, log_every = 5, 2
    agent = DQNAgent(4, epsilon_stop_episode=8, replay_start_size=8)
    log = CustomTensorBoard(log_dir=log_dir)
    scores = []
    for episode in range(episodes):
        current_state = env.reset()
        done, total = False, 0
        while not done:
            next_states = env.next_states()
            best = agent.best_state(next_states.values())
            action = [col for col, s in next_states.items() if s == best][0]
            reward, done = env.play(action)
            total += reward
            agent.add_to_memory(current_state, next_states[action], reward, done)
            current_state = next_states[action]
        scores.append(total)
        agent.train(batch_size=8, epochs=1)
        if log_every and episode and episode % log_every == 0:
            recent = scores[-log_every:]
            log.log(episode, avg_score=mean(recent), min_score=min(recent), max_score=max(recent))
    print('episodes: %d' % len(scores))


if __name__ == '__main__':
    dqn(sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'logs', 'tetris_style'))
