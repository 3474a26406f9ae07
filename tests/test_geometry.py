"""Loading, checking, scaling and mirroring the published geometry."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import glutemed as gm
from glutemed import geometry as geo


@pytest.mark.parametrize(("name", "hip_width"), [("gait2392", 0.167), ("rajagopal2016", 0.1545),
                                                 ("rajagopal_lai_uhlrich2023", 0.1545)])
def test_values_from_the_science_brief(name: str, hip_width: float) -> None:
    g = gm.load_geometry(name)
    assert g.hip_width_m == pytest.approx(hip_width, abs=5e-4)
    assert g.origins_m.shape == g.insertions_m.shape == (3, 3)
    # insertions on the trochanter, 5.2-5.9 cm lateral of the hip centre (science brief section 2)
    assert np.all((g.insertions_m[:, 2] > 0.050) & (g.insertions_m[:, 2] < 0.060))
    assert 0.39 < g.thigh_length_m < 0.42


def test_gait2392_numbers() -> None:
    g = gm.load_geometry("gait2392")
    np.testing.assert_allclose(g.origins_m[0], [-0.0408, 0.0304, 0.1209])
    np.testing.assert_allclose(g.insertions_m[2], [-0.0309, -0.0047, 0.0518])
    np.testing.assert_allclose(g.max_isometric_force_n, [819.0, 573.0, 653.0])
    np.testing.assert_allclose(np.rad2deg(g.pennation_angle_rad), [8.0, 0.0, 19.0])
    np.testing.assert_allclose(g.hip_centre_m, [-0.0707, -0.0661, 0.0835])
    assert g.asis_width_m == pytest.approx(0.256)


def test_geometry_is_read_only() -> None:
    g = gm.load_geometry()
    with pytest.raises(ValueError):
        g.origins_m[0, 0] = 1.0


def test_unknown_name() -> None:
    with pytest.raises(ValueError, match="geometry must be one of 'gait2392', 'rajagopal2016'"):
        gm.load_geometry("gait2354")


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(geo.data_dir(), tmp_path / "data")
    monkeypatch.setattr(geo, "data_dir", lambda: tmp_path / "data")
    geo.load_geometry.cache_clear()
    yield tmp_path / "data"
    geo.load_geometry.cache_clear()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("origin_x_m", "origin_x_mm", "columns must be"),
        ("819.0", "-819.0", "max_isometric_force_N must be between"),
        ("0.1209", "1.209", "coordinates must be between"),
        ("anterior,", "front,", "rows must be the portions"),
        ("0.0535", "nan", "must be a finite number"),
        ("0.0535", "abc", "must be a number"),
    ],
)
def test_loader_rejects_bad_muscle_files(data_copy: Path, old: str, new: str, message: str) -> None:
    path = data_copy / "gait2392_gluteus_medius.csv"
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(ValueError, match=message):
        gm.load_geometry("gait2392")


def test_loader_needs_landmarks(data_copy: Path) -> None:
    path = data_copy / "gait2392_landmarks.csv"
    path.write_text("\n".join(l for l in path.read_text().splitlines() if not l.startswith("asis_left")))
    with pytest.raises(ValueError, match="missing landmarks"):
        gm.load_geometry("gait2392")


def test_scaling() -> None:
    g = gm.scale_geometry("gait2392", asis_width_m=0.224, leg_length_m=0.70)
    base = gm.load_geometry("gait2392")
    assert g.asis_width_m == pytest.approx(0.224)
    assert g.thigh_length_m + g.shank_length_m == pytest.approx(0.70)
    ratio = 0.224 / 0.256
    np.testing.assert_allclose(g.origins_m, base.origins_m * ratio)
    # a smaller pelvis and femur give proportionally shorter moment arms at neutral
    assert np.all(gm.moment_arms(geometry=g).as_array()[:, 0] < gm.moment_arms().as_array()[:, 0])
    # unscaled call returns the same numbers
    same = gm.scale_geometry("gait2392")
    np.testing.assert_allclose(same.tendon_slack_length_m, base.tendon_slack_length_m)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"asis_width_m": -0.2}, "asis_width_m must be between 0.15 and 0.4 m"),
    ({"leg_length_m": float("nan")}, "leg_length_m must be a finite number"),
    ({"leg_length_m": 3.0}, "leg_length_m must be between 0.5 and 1.2 m"),
])
def test_scaling_rejects_bad_sizes(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        gm.scale_geometry(**kwargs)


def test_mirror_twice_is_identity() -> None:
    g = gm.load_geometry()
    back = gm.mirror_geometry(gm.mirror_geometry(g))
    assert back.side == "right"
    np.testing.assert_array_equal(back.origins_m, g.origins_m)
    assert back.pelvis_landmarks_m.keys() == g.pelvis_landmarks_m.keys()
    np.testing.assert_array_equal(back.pelvis_landmarks_m["asis_right"], g.pelvis_landmarks_m["asis_right"])
