"""The usual Python alternative to ml-service: FastAPI + PyTorch serving the same TorchScript file.

Open Inference Protocol (V2) JSON, parsed by pydantic models as FastAPI users write them. Run with
Debian's interpreter and packages (python3-fastapi, python3-uvicorn, python3-torch, and
python3-uvloop + python3-httptools, which `pip install uvicorn[standard]` would bring):

    BERTH_BENCH_MODEL=ml-service/model-repository/mnist/1/model.pt \
    /usr/bin/python3 -m uvicorn --app-dir benchmarks/fastapi-server server:app \
        --host 127.0.0.1 --port 8083 --workers 2 --loop uvloop --http httptools

uvloop matters beyond speed: on asyncio's loop, uvicorn 0.17's multi-worker mode leaves Nagle's
algorithm on, and every response then waits ~40 ms for the client's delayed ACK.

Each worker process loads its own copy of the model and runs one intra-op thread, as ml-service's
predictors do (torch's default of one thread per core makes two workers fight over 2 cores).
"""

import os
from typing import Any, Dict, List, Optional

import torch
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

torch.set_num_threads(int(os.environ.get("BERTH_BENCH_TORCH_THREADS", "1")))
torch.set_num_interop_threads(1)

MODEL_FILE = os.environ.get("BERTH_BENCH_MODEL", "ml-service/model-repository/mnist/1/model.pt")
model = torch.jit.load(MODEL_FILE, map_location="cpu")
model.eval()
with torch.inference_mode():
    for _ in range(3):  # warm-up: the profiling executor optimises the graph on the first calls
        model(torch.zeros(1, 1, 28, 28))


class RequestInput(BaseModel):
    name: str
    shape: List[int]
    datatype: str
    parameters: Optional[Dict[str, Any]] = None
    data: List[float]


class InferenceRequest(BaseModel):
    id: Optional[str] = None
    parameters: Optional[Dict[str, Any]] = None
    inputs: List[RequestInput]


app = FastAPI()


@app.get("/v2/health/ready")
async def ready() -> Dict[str, Any]:
    return {}


@app.post("/v2/models/{model_name}/infer")
async def infer(model_name: str, request: InferenceRequest) -> Dict[str, Any]:
    tensor_input = request.inputs[0]
    expected = 1
    for dimension in tensor_input.shape:
        expected *= dimension
    if len(tensor_input.data) != expected:
        raise HTTPException(status_code=400, detail="data does not match the shape")
    with torch.inference_mode():
        logits = model(torch.tensor(tensor_input.data, dtype=torch.float32).reshape(tensor_input.shape))
    response: Dict[str, Any] = {
        "model_name": model_name,
        "model_version": "1",
        "outputs": [{
            "name": "output__0",
            "datatype": "FP32",
            "shape": list(logits.shape),
            "data": logits.flatten().tolist(),
        }],
    }
    if request.id is not None:
        response["id"] = request.id
    return response
