// The module queue workers load the pipeline's steps from (`worker-steps.js#PrepareStep.prepare`,
// …): it registers the example's packagers, as importing pipeline.ts does in-process.
import './model/logistic-model.packager';
import './plots/svg-figure.packager';

export { PrepareStep } from './steps/prepare.step';
export { TrainStep } from './steps/train.step';
export { evaluate } from './steps/evaluate.step';
