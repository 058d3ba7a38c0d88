"""Mirrors TF 1.x's ``tensorflow.examples.tutorials.mnist.input_data`` (``read_data_sets`` of the MNIST tutorials)."""

from tfcompat.v1._mnist import (
                                DEFAULT_SOURCE_URL,
                                DataSet,
                                Datasets,
                                dense_to_one_hot,
                                extract_images,
                                extract_labels,
                                maybe_download,
                                read_data_sets,
)

__all__ = ["read_data_sets", "DataSet", "Datasets", "extract_images", "extract_labels", "dense_to_one_hot",
           "maybe_download", "DEFAULT_SOURCE_URL"]
