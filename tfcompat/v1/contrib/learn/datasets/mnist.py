"""Mirrors TF 1.x's ``tf.contrib.learn.datasets.mnist`` (the reader the MNIST tutorials used)."""

from tfcompat.v1._mnist import (
                                DEFAULT_SOURCE_URL,
                                DataSet,
                                Datasets,
                                dense_to_one_hot,
                                extract_images,
                                extract_labels,
                                load_mnist,
                                maybe_download,
                                read_data_sets,
)

__all__ = ["read_data_sets", "load_mnist", "DataSet", "Datasets", "extract_images", "extract_labels",
           "dense_to_one_hot", "maybe_download", "DEFAULT_SOURCE_URL"]
