"""A small Open Inference Protocol (KServe V2) REST server for TorchScript models.

It serves the same model repository as ml-service: <repository>/<model>/config.yml and numbered
version folders holding model.pt. Run it with uvicorn (see the Dockerfile); settings come from the
environment:

  BERTH_ML_MODEL_REPOSITORY            the model repository (default /models)
  BERTH_ML_INFERENCE_INTRA_OP_THREADS  PyTorch threads per worker process (default 1)
  BERTH_ML_MAX_REQUEST_BYTES           largest inference request body (default 16 MiB); larger: 413
  WEB_CONCURRENCY                      uvicorn worker processes, each with its own copy of the models
                                       (the image sets 2)
"""

import json
import logging
import math
import os
import pathlib
import threading
from contextlib import asynccontextmanager

import torch
import yaml
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

SERVER_NAME = "berth-ml-python"
SERVER_VERSION = "0.1.0"
PLATFORM = "pytorch_torchscript"
DATATYPES = {
    "BOOL": torch.bool,
    "UINT8": torch.uint8,
    "INT8": torch.int8,
    "INT16": torch.int16,
    "INT32": torch.int32,
    "INT64": torch.int64,
    "FP16": torch.float16,
    "FP32": torch.float32,
    "FP64": torch.float64,
}
DATATYPE_NAMES = {dtype: name for name, dtype in DATATYPES.items()}
# A parsed JSON body takes several times its size in memory, and uvicorn sets no limit of its own.
MAX_REQUEST_BYTES = int(os.environ.get("BERTH_ML_MAX_REQUEST_BYTES", 16 * 1024 * 1024))

# uvicorn's own logger, so that these lines share its format and level.
log = logging.getLogger("uvicorn.error")

# Workers scale across cores; threads inside one forward pass would only fight them for the cores.
torch.set_num_threads(int(os.environ.get("BERTH_ML_INFERENCE_INTRA_OP_THREADS", "1")))
torch.set_num_interop_threads(1)


class ProtocolError(Exception):
    """A failure the client is told about as {"error": message}."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def bad_request(message):
    raise ProtocolError(400, message)


def quoted(names):
    return ", ".join(f"'{name}'" for name in names)


class TensorSpec:
    """A declared input or output: name, datatype and shape (-1: any size)."""

    def __init__(self, entry, kind):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ValueError(f"every {kind} needs a name, a datatype and a shape")
        self.name = entry["name"]
        self.datatype = entry.get("datatype")
        self.shape = entry.get("shape")
        if self.datatype not in DATATYPES:
            raise ValueError(f"{kind} '{self.name}': unsupported datatype '{self.datatype}'")
        if not isinstance(self.shape, list) or not all(type(d) is int and d >= -1 for d in self.shape):
            raise ValueError(f"{kind} '{self.name}': shape must be a list of sizes, -1 for any")

    def accepts(self, shape):
        return len(shape) == len(self.shape) and all(d in (-1, s) for d, s in zip(self.shape, shape))

    def metadata(self):
        return {"name": self.name, "datatype": self.datatype, "shape": self.shape}


class Model:
    """One model folder: its config.yml and every numbered version, loaded and warmed up."""

    def __init__(self, folder):
        config = yaml.safe_load((folder / "config.yml").read_text()) or {}
        self.name = folder.name
        self.platform = config.get("platform", PLATFORM)
        if self.platform != PLATFORM:
            raise ValueError(f"platform '{self.platform}' is not supported, only '{PLATFORM}'")
        self.max_batch_size = int(config.get("max_batch_size", 0))
        self.inputs = [TensorSpec(entry, "input") for entry in config.get("inputs") or []]
        self.outputs = [TensorSpec(entry, "output") for entry in config.get("outputs") or []]
        if not self.inputs or not self.outputs:
            raise ValueError("config.yml must declare at least one input and one output")
        if self.max_batch_size > 0 and any(spec.shape[:1] != [-1] for spec in self.inputs + self.outputs):
            raise ValueError("with max_batch_size above 0, every input and output must declare its first "
                             "(batch) dimension as -1")
        self.versions = {}
        folders = [f for f in folder.iterdir() if f.name.isdigit() and (f / "model.pt").is_file()]
        for version in sorted(folders, key=lambda f: int(f.name)):
            module = torch.jit.load(str(version / "model.pt"), map_location="cpu").eval()
            # Twice: TorchScript profiles the first call and optimises the graph on the second.
            for _ in range(2):
                self.forward(module, [self.zeros(spec) for spec in self.inputs])
            self.versions[version.name] = module
        if not self.versions:
            raise ValueError("no version folder (1/, 2/, ...) with a model.pt")
        self.latest = max(self.versions, key=int)

    @staticmethod
    def zeros(spec):
        return torch.zeros([1 if d == -1 else d for d in spec.shape], dtype=DATATYPES[spec.datatype])

    def module(self, version):
        if version is None:
            version = self.latest
        if version not in self.versions:
            raise ProtocolError(404, f"model '{self.name}' has no version '{version}'")
        return version, self.versions[version]

    def metadata(self, version=None):
        versions = sorted(self.versions, key=int) if version is None else [self.module(version)[0]]
        return {
            "name": self.name,
            "versions": versions,
            "platform": self.platform,
            "inputs": [spec.metadata() for spec in self.inputs],
            "outputs": [spec.metadata() for spec in self.outputs],
        }

    def forward(self, module, tensors):
        with torch.inference_mode():
            result = module(*tensors)
        results = list(result) if isinstance(result, (tuple, list)) else [result]
        if len(results) != len(self.outputs):
            raise RuntimeError(f"the model returned {len(results)} tensors, config.yml declares {len(self.outputs)}")
        return results

    def infer(self, request, version=None):
        version, module = self.module(version)
        if not isinstance(request, dict):
            bad_request("the request body must be a JSON object with 'inputs'")
        items = request.get("inputs")
        if not isinstance(items, list) or not items:
            bad_request("'inputs' must be a non-empty list of tensors")
        given = {}
        for item in items:
            name, tensor = self.to_tensor(item)
            if name in given:
                bad_request(f"input '{name}' is given twice")
            given[name] = tensor
        missing = [spec.name for spec in self.inputs if spec.name not in given]
        if missing:
            bad_request(f"input '{missing[0]}' is missing; the model takes {quoted(s.name for s in self.inputs)}")
        if self.max_batch_size > 0 and len({tensor.shape[0] for tensor in given.values()}) > 1:
            bad_request(f"inputs disagree on the batch size: {sorted({t.shape[0] for t in given.values()})}")
        wanted = self.requested_outputs(request.get("outputs"))
        try:
            results = self.forward(module, [given[spec.name] for spec in self.inputs])
        except RuntimeError:
            log.exception("inference failed: model '%s' version %s", self.name, version)
            raise ProtocolError(500, "inference failed; see the server log")
        by_name = {spec.name: result for spec, result in zip(self.outputs, results)}
        response = {"model_name": self.name, "model_version": version}
        if "id" in request:
            response["id"] = request["id"]
        response["outputs"] = [self.to_output(name, by_name[name]) for name in wanted]
        return response

    def to_tensor(self, item):
        if not isinstance(item, dict):
            bad_request("each input must be an object with name, shape, datatype and data")
        name = item.get("name")
        spec = next((s for s in self.inputs if s.name == name), None)
        if spec is None:
            bad_request(f"unknown input '{name}'; the model takes {quoted(s.name for s in self.inputs)}")
        reject_binary(item, f"input '{name}'")
        if item.get("datatype") != spec.datatype:
            bad_request(f"input '{name}' must be {spec.datatype}, not {item.get('datatype')}")
        shape = item.get("shape")
        if not isinstance(shape, list) or not all(type(d) is int and d >= 0 for d in shape):
            bad_request(f"input '{name}': 'shape' must be a list of sizes (whole numbers, 0 or more)")
        if not spec.accepts(shape):
            bad_request(f"input '{name}' has shape {shape}; the model takes {spec.shape} (-1: any size)")
        if self.max_batch_size > 0 and not 1 <= shape[0] <= self.max_batch_size:
            bad_request(f"input '{name}' has batch size {shape[0]}; the model takes 1 to {self.max_batch_size}")
        data = item.get("data")
        if not isinstance(data, list):
            bad_request(f"input '{name}': 'data' must be a list of values, row-major")
        if data and isinstance(data[0], list):
            data = flatten(data)
        if len(data) != math.prod(shape):
            bad_request(f"input '{name}': shape {shape} needs {math.prod(shape)} values, data has {len(data)}")
        dtype = DATATYPES[spec.datatype]
        invalid = next((i for i, value in enumerate(data) if not fits(value, dtype)), None)
        if invalid is not None:
            value = json.dumps(data[invalid])
            bad_request(f"input '{name}': element {invalid} ({value}) is not a valid {spec.datatype} value")
        return name, torch.tensor(data, dtype=dtype).reshape(shape)

    def requested_outputs(self, requested):
        declared = [spec.name for spec in self.outputs]
        if not requested:
            return declared
        if not isinstance(requested, list):
            bad_request("'outputs' must be a list of objects with a name")
        names = []
        for item in requested:
            name = item.get("name") if isinstance(item, dict) else None
            if name not in declared:
                bad_request(f"unknown output '{name}'; the model returns {quoted(declared)}")
            if name in names:
                bad_request(f"output '{name}' is requested twice")
            reject_binary(item, f"output '{name}'")
            names.append(name)
        return names

    @staticmethod
    def to_output(name, tensor):
        datatype = DATATYPE_NAMES.get(tensor.dtype, str(tensor.dtype))
        return {"name": name, "datatype": datatype, "shape": list(tensor.shape), "data": tensor.flatten().tolist()}


def flatten(data):
    flat = []
    for value in data:
        if isinstance(value, list):
            flat.extend(flatten(value))
        else:
            flat.append(value)
    return flat


def fits(value, dtype):
    if dtype is torch.bool:
        return type(value) is bool
    if dtype.is_floating_point:
        return type(value) is float or type(value) is int
    info = torch.iinfo(dtype)
    return type(value) is int and info.min <= value <= info.max


def reject_binary(item, where):
    # The binary tensor extension is not implemented: refused rather than misread.
    parameters = item.get("parameters")
    if isinstance(parameters, dict) and ("binary_data_size" in parameters or parameters.get("binary_data")):
        bad_request(f"{where}: binary tensor data is not supported; send 'data' as JSON")


class Repository:
    """The models of one repository folder; ready once every model has loaded."""

    def __init__(self, root):
        self.root = pathlib.Path(root)
        self.models = {}
        self.failures = {}
        self.loaded = False

    def load(self):
        folders = sorted(f for f in self.root.iterdir() if (f / "config.yml").is_file()) if self.root.is_dir() else []
        for folder in folders:
            try:
                model = Model(folder)
                self.models[model.name] = model
                log.info("model '%s': versions %s loaded", model.name, ", ".join(model.versions))
            except Exception as e:  # a broken model must not stop the others
                self.failures[folder.name] = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
                log.exception("model '%s' failed to load", folder.name)
        self.loaded = True

    def unready_reason(self):
        if not self.loaded:
            return "models are still loading"
        if self.failures:
            return "; ".join(f"model '{name}' failed to load: {why}" for name, why in self.failures.items())
        if not self.models:
            return f"no model found in {self.root}"
        return None

    def model(self, name):
        if name in self.failures:
            raise ProtocolError(503, f"model '{name}' is not ready: {self.failures[name]}")
        if name not in self.models:
            if not self.loaded and (self.root / name / "config.yml").is_file():
                raise ProtocolError(503, f"model '{name}' is still loading")
            raise ProtocolError(404, f"unknown model '{name}'")
        return self.models[name]


repository = Repository(os.environ.get("BERTH_ML_MODEL_REPOSITORY", "/models"))


@asynccontextmanager
async def lifespan(app):
    # Loaded beside the server, so that liveness answers while models load and readiness says why not yet.
    threading.Thread(target=repository.load, name="model-loader", daemon=True).start()
    yield


app = FastAPI(title=SERVER_NAME, version=SERVER_VERSION, docs_url=None, redoc_url=None, openapi_url=None,
              lifespan=lifespan)


def error(status, message):
    headers = {"Retry-After": "5"} if status == 503 else None
    return JSONResponse({"error": message}, status_code=status, headers=headers)


@app.exception_handler(ProtocolError)
async def protocol_error(request, e):
    return error(e.status, e.message)


@app.exception_handler(HTTPException)
async def http_error(request, e):
    response = error(e.status_code, f"{e.detail}: {request.method} {request.url.path}")
    response.headers.update(e.headers or {})
    return response


@app.exception_handler(Exception)
async def unexpected_error(request, e):
    return error(500, "internal server error; see the server log")


@app.get("/v2/health/live")
async def live():
    return Response()


@app.get("/v2/health/ready")
async def ready():
    reason = repository.unready_reason()
    return error(503, reason) if reason else Response()


@app.get("/v2")
async def server_metadata():
    return JSONResponse({"name": SERVER_NAME, "version": SERVER_VERSION, "extensions": []})


@app.get("/v2/models/{name}")
async def model_metadata(name: str):
    return JSONResponse(repository.model(name).metadata())


@app.get("/v2/models/{name}/versions/{version}")
async def version_metadata(name: str, version: str):
    return JSONResponse(repository.model(name).metadata(version))


@app.get("/v2/models/{name}/ready")
async def model_ready(name: str):
    repository.model(name)
    return Response()


@app.get("/v2/models/{name}/versions/{version}/ready")
async def version_ready(name: str, version: str):
    repository.model(name).module(version)
    return Response()


@app.post("/v2/models/{name}/infer")
async def infer(name: str, request: Request):
    return await run_inference(request, name, None)


@app.post("/v2/models/{name}/versions/{version}/infer")
async def infer_version(name: str, version: str, request: Request):
    return await run_inference(request, name, version)


async def run_inference(request, name, version):
    # The body first (up to the limit), even for an unknown model: an answer sent while the client still
    # writes can cost the client its kept-alive connection.
    body = await read_body(request)
    model = repository.model(name)
    try:
        body = json.loads(body)
    except ValueError as e:  # JSONDecodeError and UnicodeDecodeError both are
        bad_request(f"the request body is not JSON: {e}")
    # On the event loop, not in a thread pool: one thread per worker runs one forward pass at a time anyway.
    return JSONResponse(model.infer(body, version))


async def read_body(request):
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            raise ProtocolError(413, f"the request body is larger than {MAX_REQUEST_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
