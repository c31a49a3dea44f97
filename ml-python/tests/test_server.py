"""The server's V2 API, in process: the real mnist model plus small TorchScript models made here.

Run from the folder holding server.py: python3 -m unittest discover -s tests
(the Dockerfile's test target does, with the model repository at /models).
"""

import json
import os
import pathlib
import shutil
import tempfile
import unittest

import server  # first: it sets PyTorch's thread counts, which must happen before any parallel work
import torch
from fastapi.testclient import TestClient

MNIST = pathlib.Path(os.environ.get("BERTH_ML_MODEL_REPOSITORY", "/models")) / "mnist"
HELD_OUT = pathlib.Path(__file__).with_name("mnist-held-out-sample.json")

SCALE_CONFIG = """
platform: pytorch_torchscript
max_batch_size: 4
inputs:
  - {name: x, datatype: FP32, shape: [-1, 3]}
outputs:
  - {name: scaled, datatype: FP32, shape: [-1, 3]}
  - {name: total, datatype: FP32, shape: [-1]}
"""


class Scale(torch.nn.Module):
    """Two outputs, and a factor that tells which version answered."""

    def __init__(self, factor: float):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor, x.sum(dim=1)


def make_repository(root, broken=False):
    shutil.copytree(MNIST, root / "mnist")
    (root / "scale").mkdir()
    (root / "scale" / "config.yml").write_text(SCALE_CONFIG)
    for version, factor in (("1", 1.0), ("2", 2.0)):
        (root / "scale" / version).mkdir()
        torch.jit.script(Scale(factor)).save(str(root / "scale" / version / "model.pt"))
    if broken:
        (root / "broken" / "1").mkdir(parents=True)
        (root / "broken" / "config.yml").write_text(SCALE_CONFIG)
        (root / "broken" / "1" / "model.pt").write_bytes(b"not a TorchScript archive")


def tensor(name="x", shape=(1, 3), datatype="FP32", data=(1.0, 2.0, 3.0)):
    return {"name": name, "shape": list(shape), "datatype": datatype, "data": list(data)}


class ServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        make_repository(pathlib.Path(cls.folder.name))
        cls.repository = server.Repository(cls.folder.name)
        cls.repository.load()
        cls.client = TestClient(server.app, raise_server_exceptions=False)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def setUp(self):
        server.repository = self.repository

    def infer(self, body, path="/v2/models/scale/infer"):
        return self.client.post(path, content=body if isinstance(body, (str, bytes)) else json.dumps(body))

    def assert_error(self, response, status, *fragments):
        self.assertEqual(response.status_code, status, response.text)
        message = response.json()["error"]
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.assertNotIn("Traceback", response.text)

    def test_health_and_server_metadata(self):
        self.assertEqual(self.client.get("/v2/health/live").status_code, 200)
        self.assertEqual(self.client.get("/v2/health/ready").status_code, 200)
        server_metadata = {"name": "berth-ml-python", "version": "0.1.0", "extensions": []}
        self.assertEqual(self.client.get("/v2").json(), server_metadata)

    def test_model_metadata_comes_from_config_yml(self):
        metadata = self.client.get("/v2/models/mnist").json()
        self.assertEqual(metadata["name"], "mnist")
        self.assertEqual(metadata["versions"], ["1"])
        self.assertEqual(metadata["platform"], "pytorch_torchscript")
        self.assertEqual(metadata["inputs"], [{"name": "input__0", "datatype": "FP32", "shape": [-1, 1, 28, 28]}])
        self.assertEqual(metadata["outputs"], [{"name": "output__0", "datatype": "FP32", "shape": [-1, 10]}])
        self.assertEqual(self.client.get("/v2/models/scale").json()["versions"], ["1", "2"])
        self.assertEqual(self.client.get("/v2/models/scale/versions/1").json()["versions"], ["1"])

    def test_readiness_per_model_and_version(self):
        self.assertEqual(self.client.get("/v2/models/scale/ready").status_code, 200)
        self.assertEqual(self.client.get("/v2/models/scale/versions/2/ready").status_code, 200)
        self.assert_error(self.client.get("/v2/models/scale/versions/3/ready"), 404, "'scale'", "'3'")
        self.assert_error(self.client.get("/v2/models/nope/ready"), 404, "nope")

    def test_the_highest_version_serves_when_none_is_named(self):
        latest = self.infer({"inputs": [tensor()]}).json()
        self.assertEqual(latest["model_name"], "scale")
        self.assertEqual(latest["model_version"], "2")
        scaled = {"name": "scaled", "datatype": "FP32", "shape": [1, 3], "data": [2.0, 4.0, 6.0]}
        self.assertEqual(latest["outputs"][0], scaled)
        first = self.infer({"inputs": [tensor()]}, "/v2/models/scale/versions/1/infer").json()
        self.assertEqual(first["model_version"], "1")
        self.assertEqual(first["outputs"][0]["data"], [1.0, 2.0, 3.0])
        missing = self.infer({"inputs": [tensor()]}, "/v2/models/scale/versions/9/infer")
        self.assert_error(missing, 404, "no version '9'")

    def test_id_is_echoed_and_outputs_can_be_chosen(self):
        answer = self.infer({"id": "r-1", "inputs": [tensor()], "outputs": [{"name": "total"}]}).json()
        self.assertEqual(answer["id"], "r-1")
        self.assertEqual(answer["outputs"], [{"name": "total", "datatype": "FP32", "shape": [1], "data": [6.0]}])
        self.assertNotIn("id", self.infer({"inputs": [tensor()]}).json())
        self.assertEqual([o["name"] for o in self.infer({"inputs": [tensor()]}).json()["outputs"]], ["scaled", "total"])

    def test_nested_data_and_batches(self):
        answer = self.infer({"inputs": [tensor(shape=(2, 3), data=([1, 2, 3], [4, 5, 6]))]}).json()
        self.assertEqual(answer["outputs"][1]["data"], [6.0, 15.0])
        self.assertEqual(answer["outputs"][0]["shape"], [2, 3])

    def test_bad_input_is_a_400_that_says_what_is_wrong(self):
        cases = [
            ({"inputs": [tensor(shape=(1, 4), data=(1, 2, 3, 4))]}, "shape [1, 4]", "[-1, 3]"),
            ({"inputs": [tensor(datatype="INT32", data=(1, 2, 3))]}, "must be FP32, not INT32"),
            ({"inputs": [tensor(name="y")]}, "unknown input 'y'", "'x'"),
            ({"inputs": [tensor(shape=(1, 3), data=(1, 2))]}, "needs 3 values, data has 2"),
            ({"inputs": [tensor(data=(1, "two", 3))]}, "element 1", "FP32"),
            ({"inputs": [tensor(), tensor()]}, "given twice"),
            ({"inputs": [tensor(shape=(5, 3), data=range(15))]}, "batch size 5", "1 to 4"),
            ({"inputs": [tensor()], "outputs": [{"name": "nope"}]}, "unknown output 'nope'"),
            ({"inputs": []}, "'inputs'"),
            ({"id": "no inputs"}, "'inputs'"),
            ([1, 2], "JSON object"),
            ("{not json", "not JSON"),
            (b"\xff\xfe\x00", "not JSON"),
        ]
        for body, *fragments in cases:
            with self.subTest(body=str(body)[:60]):
                self.assert_error(self.infer(body), 400, *fragments)

    def test_a_body_over_the_limit_is_413(self):
        limit, server.MAX_REQUEST_BYTES = server.MAX_REQUEST_BYTES, 100
        try:
            self.assert_error(self.infer({"inputs": [tensor(data=[0.5] * 30)]}), 413, "larger than 100 bytes")
        finally:
            server.MAX_REQUEST_BYTES = limit

    def test_mnist_input_must_match_its_config(self):
        digit = {"name": "input__0", "shape": [1, 1, 28, 28], "datatype": "FP32", "data": [0.0] * 784}
        self.assertEqual(self.infer({"inputs": [digit]}, "/v2/models/mnist/infer").status_code, 200)
        short = dict(digit, data=[0.0] * 10)
        self.assert_error(self.infer({"inputs": [short]}, "/v2/models/mnist/infer"), 400, "784")

    def test_unknown_model_and_path_are_404_with_an_error(self):
        self.assert_error(self.infer({"inputs": [tensor()]}, "/v2/models/no-such-model/infer"), 404, "no-such-model")
        self.assert_error(self.client.get("/v2/models/no-such-model"), 404, "no-such-model")
        self.assert_error(self.client.get("/v2/nothing-here"), 404, "Not Found")
        self.assert_error(self.client.delete("/v2/models/scale/infer"), 405, "Method Not Allowed")

    def test_held_out_digits_are_recognised(self):
        sample = json.loads(HELD_OUT.read_text())
        images, labels = sample["images"], sample["labels"]
        request = {"inputs": [{"name": "input__0", "shape": [len(images[:64]), 1, 28, 28], "datatype": "FP32",
                               "data": images[:64]}]}
        logits = self.infer(request, "/v2/models/mnist/infer").json()["outputs"][0]["data"]
        guesses = [max(range(10), key=lambda c: logits[i * 10 + c]) for i in range(64)]
        correct = sum(guess == label for guess, label in zip(guesses, labels))
        self.assertGreaterEqual(correct, 60, f"{correct} of 64 held-out digits recognised")


class UnreadyServerTest(unittest.TestCase):
    def test_not_ready_while_loading_nor_with_a_broken_model(self):
        with tempfile.TemporaryDirectory() as folder:
            make_repository(pathlib.Path(folder), broken=True)
            server.repository = server.Repository(folder)
            client = TestClient(server.app, raise_server_exceptions=False)
            loading = client.get("/v2/health/ready")
            self.assertEqual(loading.status_code, 503)
            self.assertEqual(loading.json()["error"], "models are still loading")
            self.assertEqual(client.get("/v2/health/live").status_code, 200)
            server.repository.load()
            ready = client.get("/v2/health/ready")
            self.assertEqual(ready.status_code, 503)
            self.assertIn("model 'broken' failed to load", ready.json()["error"])
            self.assertEqual(client.get("/v2/models/broken/ready").status_code, 503)
            self.assertEqual(client.get("/v2/models/scale/ready").status_code, 200)


if __name__ == "__main__":
    unittest.main()
