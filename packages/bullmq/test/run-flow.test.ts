import { QueueError, planFlow, stepOutput, type FlowDefinition, type StepOutput } from '../src';

const step = <S extends string = never>(
  handler: string,
  inputs: Readonly<Record<string, StepOutput<S>>> = {},
): { handler: string; inputs: Readonly<Record<string, StepOutput<S>>> } => ({ handler, inputs });

describe(planFlow, () => {
  describe('when each step reads the one before', () => {
    it('should make each step the parent of the step it reads', () => {
      const plan = planFlow({
        steps: {
          a: step('m.js#a'),
          b: step('m.js#b', { x: stepOutput('a', 'x') }),
          c: step('m.js#c', { y: stepOutput('b', 'y') }),
        },
      });
      expect(plan.order).toEqual(['a', 'b', 'c']);
      expect([...plan.parent]).toEqual([
        ['b', 'c'],
        ['a', 'b'],
      ]);
    });
  });

  describe('when a step is read by a later step and by its parent', () => {
    it('should hang it under the deepest reader, so both readers wait for it', () => {
      const plan = planFlow({
        steps: {
          prepare: step('m.js#p'),
          train: step('m.js#t', { dataset: stepOutput('prepare', 'dataset') }),
          evaluate: step('m.js#e', {
            model: stepOutput('train', 'model'),
            dataset: stepOutput('prepare', 'dataset'),
          }),
        },
      });
      expect(plan.parent.get('prepare')).toBe('train');
      expect(plan.parent.get('train')).toBe('evaluate');
      expect(plan.parent.has('evaluate')).toBe(false);
      expect([...(plan.needs.get('evaluate') ?? [])].sort()).toEqual(['prepare', 'train']);
    });
  });

  describe('when a step names a step the flow does not have', () => {
    it('should not compile', () => {
      const flow = (): unknown =>
        planFlow({
          steps: {
            a: step('m.js#a'),
            // @ts-expect-error -- "zz" is not a step of this flow
            b: { handler: 'm.js#b', inputs: { x: stepOutput('zz', 'x') } },
          },
        });
      expect(flow).toThrow(QueueError);
    });
  });

  describe('when a flow cannot be laid out as a tree', () => {
    it.each<[string, FlowDefinition<string>]>([
      ['no steps', { steps: {} }],
      [
        'a reference to a later step',
        { steps: { a: step('m.js#a', { x: stepOutput('b', 'x') }), b: step('m.js#b') } },
      ],
      [
        'a reference to an unknown step',
        { steps: { a: step('m.js#a', { x: stepOutput('zz', 'x') }) } },
      ],
      ['a step nothing reads', { steps: { a: step('m.js#a'), b: step('m.js#b') } }],
      [
        'a step read by two steps that do not wait for each other',
        {
          steps: {
            a: step('m.js#a'),
            b: step('m.js#b', { x: stepOutput('a', 'x') }),
            c: step('m.js#c', { x: stepOutput('a', 'x') }),
            d: step('m.js#d', { b: stepOutput('b', 'y'), c: stepOutput('c', 'y') }),
          },
        },
      ],
    ])('should refuse %s with QUEUE_FLOW_INVALID', (_, flow) => {
      const error = ((): unknown => {
        try {
          planFlow(flow);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(QueueError);
      expect(error).toMatchObject({ code: 'QUEUE_FLOW_INVALID' });
    });
  });
});
