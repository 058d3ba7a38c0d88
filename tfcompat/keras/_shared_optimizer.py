"""One Keras 2 optimizer instance trained into several models (every GAN of 2018).

Keras 2's optimizer created its slot variables when each model compiled its training
function (``get_updates(loss, params)``), so ``opt = Adam(); d.compile(opt);
gan.compile(opt)`` trained both models, sharing ``lr`` and ``iterations``. A Keras 3
optimizer is built once, for one list of variables, and refuses any other
("Unknown variable"). :func:`add_variables` grows a built optimizer by the slots of
new variables, keeping the existing ones (and their state) where they are.
"""

from tfcompat._lazy_tf import import_keras, import_tf

keras = import_keras()

__all__ = ["new_variables", "add_variables"]

# Lists the optimizer holds about everything, not one entry per trained variable.
_NOT_PER_VARIABLE = frozenset(["_trainable_variables", "_variables"])


def new_variables(optimizer, variables):
    """The variables among ``variables`` a built ``optimizer`` has no slots for."""
    known = optimizer._trainable_variables_indices
    return [v for v in variables if optimizer._var_key(v) not in known]


def add_variables(optimizer, variables):
    """Adds slot variables for ``variables`` to a built ``optimizer`` (eagerly, also while tracing).

    The optimizer's own ``build`` creates them (so every optimizer's slot kinds are
    covered), on a fresh list; every per-variable list is then the old one followed
    by the new one, and the indices cover both.
    """
    variables = list(variables)
    if not variables:
        return
    with import_tf().init_scope():
        count = len(optimizer._trainable_variables)
        state = vars(optimizer)
        per_variable = {name: list(value) for name, value in state.items()
                        if isinstance(value, list) and len(value) == count and name not in _NOT_PER_VARIABLE}
        shared = {name: value for name, value in state.items() if isinstance(value, keras.Variable)}
        old = list(optimizer._trainable_variables)
        optimizer.built = False
        optimizer.build(variables)
        for name, before in per_variable.items():
            # object.__setattr__: the optimizer's own setattr would track the lists again.
            object.__setattr__(optimizer, name, before + list(getattr(optimizer, name)))
        for name, value in shared.items():
            # One-per-optimizer state the build made anew (Nadam's u_product): the first one stays.
            object.__setattr__(optimizer, name, value)
        combined = old + variables
        object.__setattr__(optimizer, "_trainable_variables", combined)
        object.__setattr__(optimizer, "_trainable_variables_indices",
                           {optimizer._var_key(v): i for i, v in enumerate(combined)})
        optimizer.built = True
