// The source article's failure case was a CNN: what changes for convolutions (fans count the kernel),
// how a deep CNN without normalization fails, and the article's own comparison, default init vs its
// weights_init (docs/LAYERS.md#convolutional-networks). Each step opens a conv preset and shows its claim.
import { all, checkAt } from '../presets/claim';
import { fmt } from '../presets/measure';
import type { Lesson } from './types';

export const convolutionsLesson: Lesson = {
  name: 'convolutions',
  title: 'Initializing convolutional networks',
  summary: 'Fans count the kernel, a deep CNN without normalization dies, and the article’s CNN comparison.',
  steps: [
    {
      preset: 'conv-fan-in-vs-fan-out',
      title: 'A convolution’s fans count its kernel',
      text:
        'A 3×3 convolution from C_in to C_out channels has fan_in = C_in·9 and fan_out = C_out·9. Where one ' +
        'greyscale channel becomes 16, fan_in is 9 and fan_out 144: Kaiming with fan_out starts that layer ' +
        '4× smaller, and the depth profile shows the factor carried to every later layer. Open the feature ' +
        'maps: same patterns, dimmer.',
    },
    {
      preset: 'deep-cnn-no-norm',
      title: 'Too large: explode, then die',
      text:
        'Eight conv layers with a fixed std of 0.35 ignore a fan of 72: the loss starts in the hundreds, ' +
        'the first update blows it up further and kills the last layers’ ReLUs — the feature maps go black ' +
        'and the loss sits at chance. The compared run adds BatchNorm2d and learns from the same weights.',
    },
    {
      preset: 'deep-cnn-no-norm',
      config: { init: 'kaiming_normal' },
      label: 'Kaiming normal (fan_in)',
      compare: [],
      title: 'The same CNN with Kaiming: no normalization needed at init',
      text:
        'Keep the eight layers and drop nothing but the fixed std: Kaiming normal draws Var(W) = 2/fan_in = ' +
        '2/72 for the hidden convolutions. The depth profile is now flat within a factor of about two, the ' +
        'first loss is a few units instead of hundreds, and the feature maps stay visible at every depth.',
      claim: {
        text: 'At initialization every layer’s activation std is within a factor 2.5 of layer 1’s and the loss is below 10 (the fixed std 0.35 gave 409).',
        steps: 0,
        check: checkAt(0, ([r]) => {
          const ratios = r.layers.map((l) => l.act.std / r.layers[0].act.std);
          const lo = Math.min(...ratios);
          const hi = Math.max(...ratios);
          return all([
            [lo > 1 / 2.5 && hi < 2.5, `act std / layer 1's in [${fmt(lo)}, ${fmt(hi)}]`],
            [r.loss < 10, `loss at init ${fmt(r.loss)}`],
          ]);
        }),
      },
    },
    {
      preset: 'article-cnn',
      title: 'The article’s case: PyTorch default vs weights_init',
      text:
        'PyTorch’s default Conv2d init keeps only about a sixth of the variance per ReLU layer; the ' +
        'article’s weights_init uses Kaiming with the ReLU gain. The compare table times the steps each run ' +
        'needs to reach a target loss: set it to 1.5 and read the speed-up. The article said “about 30 % ' +
        'faster”; this small network gains more, and with BatchNorm2d (norm=batch) the gap closes.',
    },
  ],
};
