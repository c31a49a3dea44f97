import './style.css';
import { ApiError, classify, correct, recentPredictions, type Prediction } from './api';
import { INPUT_SIZE, intensityFromRgba, toModelInput } from './preprocess';

const STROKE_WIDTH = 20;

const pad = element<HTMLCanvasElement>('pad');
const preview = element<HTMLCanvasElement>('preview');
const classifyButton = element<HTMLButtonElement>('classify');
const clearButton = element<HTMLButtonElement>('clear');
const status = element<HTMLParagraphElement>('status');
const result = element<HTMLElement>('result');
const guess = element<HTMLElement>('guess');
const confidence = element<HTMLElement>('confidence');
const topList = element<HTMLOListElement>('top');
const labels = element<HTMLElement>('labels');
const correction = element<HTMLParagraphElement>('correction');
const history = element<HTMLOListElement>('history');
const historyEmpty = element<HTMLParagraphElement>('history-empty');

const ink = pad.getContext('2d', { willReadFrequently: true })!;
let current: Prediction | null = null;
let drawn = false;

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

// ---- drawing --------------------------------------------------------------------------------

function clearPad(): void {
  ink.fillStyle = '#000';
  ink.fillRect(0, 0, pad.width, pad.height);
  preview.getContext('2d')!.clearRect(0, 0, preview.width, preview.height);
  drawn = false;
  classifyButton.disabled = true;
}

function padPoint(event: PointerEvent): [number, number] {
  // The canvas may be shown smaller than its 280x280 pixels (narrow screens): map back.
  const box = pad.getBoundingClientRect();
  return [(event.clientX - box.left) * (pad.width / box.width), (event.clientY - box.top) * (pad.height / box.height)];
}

pad.addEventListener('pointerdown', (event) => {
  event.preventDefault();
  pad.setPointerCapture(event.pointerId);
  const [x, y] = padPoint(event);
  ink.strokeStyle = '#fff';
  ink.fillStyle = '#fff';
  ink.lineWidth = STROKE_WIDTH;
  ink.lineCap = 'round';
  ink.lineJoin = 'round';
  ink.beginPath();
  ink.arc(x, y, STROKE_WIDTH / 2, 0, 2 * Math.PI);
  ink.fill();
  ink.beginPath();
  ink.moveTo(x, y);
  drawn = true;
  classifyButton.disabled = false;
});

pad.addEventListener('pointermove', (event) => {
  if (!pad.hasPointerCapture(event.pointerId)) return;
  const [x, y] = padPoint(event);
  ink.lineTo(x, y);
  ink.stroke();
});

for (const type of ['pointerup', 'pointercancel'] as const) {
  pad.addEventListener(type, (event) => {
    if (pad.hasPointerCapture(event.pointerId)) pad.releasePointerCapture(event.pointerId);
  });
}

/** Shows what the model will see, enlarged, so people learn why a sloppy 7 reads as a 1. */
function showPreview(input: Float32Array): void {
  const image = new ImageData(INPUT_SIZE, INPUT_SIZE);
  input.forEach((v, i) => {
    const level = Math.round(v * 255);
    image.data.set([level, level, level, 255], i * 4);
  });
  preview.getContext('2d')!.putImageData(image, 0, 0);
}

// ---- classify and correct -------------------------------------------------------------------

function say(message: string, isError = false): void {
  status.textContent = message;
  status.classList.toggle('error', isError);
}

function percent(p: number): string {
  return `${(p * 100).toFixed(1)} %`;
}

function showResult(prediction: Prediction): void {
  current = prediction;
  result.hidden = false;
  guess.textContent = String(prediction.predictedLabel);
  confidence.textContent = percent(prediction.confidence);
  topList.replaceChildren(
    ...prediction.top.map(({ label, probability }) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = String(label);
      const bar = document.createElement('meter');
      bar.min = 0;
      bar.max = 1;
      bar.value = probability;
      bar.setAttribute('aria-label', `probability of ${label}`);
      const value = document.createElement('span');
      value.textContent = percent(probability);
      item.append(name, bar, value);
      return item;
    }),
  );
  for (const button of labels.querySelectorAll<HTMLButtonElement>('button')) {
    button.setAttribute('aria-pressed', String(Number(button.value) === prediction.correctedLabel));
  }
  correction.textContent = prediction.correctedLabel === null
    ? 'Not labelled yet.'
    : `Labelled as ${prediction.correctedLabel}.`;
}

classifyButton.addEventListener('click', async () => {
  const input = drawn ? toModelInput(intensityFromRgba(ink.getImageData(0, 0, pad.width, pad.height).data), pad.width, pad.height) : null;
  if (input === null) {
    say('Draw a digit first.', true);
    return;
  }
  showPreview(input);
  classifyButton.disabled = true;
  say('Classifying…');
  try {
    const prediction = await classify(input);
    showResult(prediction);
    say(`The model thinks this is a ${prediction.predictedLabel}.`);
    await refreshHistory();
  } catch (error) {
    say(messageOf(error), true);
  } finally {
    classifyButton.disabled = !drawn;
  }
});

clearButton.addEventListener('click', () => {
  clearPad();
  result.hidden = true;
  current = null;
  say('Draw a digit from 0 to 9 in the box.');
});

for (let label = 0; label <= 9; label++) {
  const button = document.createElement('button');
  button.type = 'button';
  button.value = String(label);
  button.textContent = String(label);
  button.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-label', `It is a ${label}`);
  button.addEventListener('click', async () => {
    if (current === null) return;
    try {
      showResult(await correct(current.id, label));
      say(label === current.predictedLabel ? 'Thanks, confirmed.' : `Thanks, corrected to ${label}.`);
      await refreshHistory();
    } catch (error) {
      say(messageOf(error), true);
    }
  });
  labels.append(button);
}

// ---- history --------------------------------------------------------------------------------

async function refreshHistory(): Promise<void> {
  try {
    const page = await recentPredictions(10);
    historyEmpty.textContent = 'No predictions yet.';
    historyEmpty.hidden = page.content.length > 0;
    history.replaceChildren(...page.content.map(historyItem));
  } catch (error) {
    historyEmpty.hidden = false;
    historyEmpty.textContent = `History is unavailable: ${messageOf(error)}`;
  }
}

function historyItem(prediction: Prediction): HTMLLIElement {
  const item = document.createElement('li');
  const when = document.createElement('time');
  when.dateTime = prediction.createdAt;
  when.textContent = new Date(prediction.createdAt).toLocaleTimeString();
  const what = document.createElement('span');
  const verdict = prediction.correctedLabel === null
    ? ''
    : prediction.correctedLabel === prediction.predictedLabel ? ' ✓' : ` → labelled ${prediction.correctedLabel}`;
  what.textContent = `guessed ${prediction.predictedLabel} (${percent(prediction.confidence)})${verdict}`;
  if (prediction.correctedLabel !== null && prediction.correctedLabel !== prediction.predictedLabel) {
    item.classList.add('wrong');
  }
  const model = document.createElement('span');
  model.className = 'model';
  model.textContent = `${prediction.modelName} v${prediction.modelVersion}`;
  item.append(when, what, model);
  return item;
}

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';
}

clearPad();
void refreshHistory();
