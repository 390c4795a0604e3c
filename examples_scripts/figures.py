"""The book's one way to draw a mechanism: boxes, lanes and arrows in matplotlib, in one style.

Chapters import it to draw what a script recorded (which process ran what, when, what it sent):
``lanes()`` draws one horizontal lane per process with its events along a time axis, ``box()``
and ``arrow()`` draw the parts of a mechanism (a queue, a pipe, a server and its proxies). Every
figure has a white background, so it reads the same in the light and the dark theme, short
labels (the Chinese edition reuses the figures), and the same colour for the same role in every
chapter: the parent, a child, a server or helper thread, data, an error, a success.

    from examples_scripts.figures import arrow, box, canvas, lanes, ROLES
    fig, ax = canvas(7, 2.5)
    box(ax, 0.05, 0.3, 0.25, 0.4, "parent\\npid 4242", "parent")
    ...
"""

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

# One colour per role, the same in every chapter (colour-blind safe: Okabe and Ito's palette).
ROLES = {
    "parent": "#0072B2",  # blue: the parent, the main process
    "child": "#009E73",  # green: a child process or a worker
    "server": "#E69F00",  # orange: a server process, a fork server, a helper thread
    "data": "#56B4E9",  # light blue: data in transit or in shared memory (a queue, a pipe, a block)
    "error": "#D55E00",  # vermilion: what fails, what is lost, what waits forever
    "ok": "#009E73",  # green: what works
    "note": "#666666",  # grey: labels, axes, things that are neither
}
FONT = 9


def canvas(width=7, height=2.6):
    """A figure and an axes with no frame, on a white background, for boxes and arrows (0 to 1)."""
    fig, ax = plt.subplots(figsize=(width, height), facecolor="white")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    return fig, ax


def box(ax, x, y, w, h, label, role="note", filled=False, fontsize=FONT):
    """A rounded box at (x, y), w wide and h high, labelled in its centre; returns its centre."""
    colour = ROLES[role]
    ax.add_patch(
        FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle="round,pad=0.01,rounding_size=0.02",
            linewidth=1.5,
            edgecolor=colour,
            facecolor=colour + "33" if filled else "white",
        )
    )
    ax.text(x + w / 2, y + h / 2, label, ha="center", va="center", fontsize=fontsize, color="black")
    return (x + w / 2, y + h / 2)


def arrow(ax, start, end, label="", role="note", dashed=False, fontsize=FONT - 1, bend=0.0):
    """An arrow from start to end (points in axes units), with an optional label at its middle."""
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=12,
            linewidth=1.4,
            color=ROLES[role],
            linestyle="--" if dashed else "-",
            connectionstyle=f"arc3,rad={bend}",
        )
    )
    if label:
        mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
        ax.text(mx, my + 0.04, label, ha="center", va="bottom", fontsize=fontsize, color=ROLES[role])


def lanes(ax, names, events, roles=None, unit="ms", arrows=()):
    """One lane per process (names, top to bottom); events are (lane name, time, label, role).

    ``arrows`` are (from lane, from time, to lane, to time, label): a message between processes.
    Times are in ``unit`` from the run's start, as the script recorded them.
    """
    roles = roles or {}
    y = {name: len(names) - i for i, name in enumerate(names)}
    end = max([t for _, t, _, _ in events] + [t for a in arrows for t in (a[1], a[3])] + [1])
    for name in names:
        role = roles.get(name, "child")
        ax.plot([0, end * 1.02], [y[name], y[name]], color=ROLES[role], linewidth=6, alpha=0.18, solid_capstyle="butt")
        ax.text(-end * 0.01, y[name], name, ha="right", va="center", fontsize=FONT, color=ROLES[role])
    for lane, t, label, role in events:
        ax.plot([t], [y[lane]], marker="o", markersize=6, color=ROLES[role])
        ax.annotate(
            label,
            (t, y[lane]),
            xytext=(0, 7),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=FONT - 1,
            color="black",
        )
    for src, t0, dst, t1, label in arrows:
        ax.annotate(
            "",
            xy=(t1, y[dst]),
            xytext=(t0, y[src]),
            arrowprops={"arrowstyle": "-|>", "color": ROLES["data"], "linewidth": 1.2},
        )
        if label:
            ax.text((t0 + t1) / 2, (y[src] + y[dst]) / 2, label, fontsize=FONT - 1, color=ROLES["data"], ha="left")
    ax.set_ylim(0.4, len(names) + 0.7)
    ax.set_yticks([])
    ax.set_xlabel(f"time since the start ({unit})", fontsize=FONT, color=ROLES["note"])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=FONT - 1, colors=ROLES["note"])


def finish(fig, title=None):
    """Title (short), tight layout, shown: the last line of a figure cell."""
    if title:
        fig.suptitle(title, fontsize=FONT + 1)
    fig.tight_layout()
    plt.show()
