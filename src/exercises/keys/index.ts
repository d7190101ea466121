/**
 * Every lesson's exercise keys, by id "<lesson>.<n>". One file per lesson; a new lesson adds its
 * file here. Keys are library code, so neither the notebook nor the course site shows them.
 */
import type { ExerciseKey } from "../key";
import k00 from "./00";
import k01 from "./01";
import k02 from "./02";
import k03 from "./03";
import k04 from "./04";
import k05 from "./05ab";
import k06a from "./06a";
import k06b from "./06b";
import k07 from "./07ab";
import k08 from "./08";
import k09 from "./09";
import k10 from "./10";
import k11 from "./11";
import k12 from "./12";
import k13 from "./13";
import k14 from "./14";
import k02c from "./02c";
import k04c from "./04c";
import k05c from "./05c";
import k15 from "./15";
import k16 from "./16";

export const exerciseKeys: Readonly<Record<string, ExerciseKey>> = Object.freeze({
  ...k00, ...k01, ...k02, ...k03, ...k04, ...k05, ...k06a, ...k06b, ...k07, ...k08, ...k09, ...k10, ...k11, ...k12, ...k13, ...k14, ...k02c, ...k04c, ...k05c, ...k15, ...k16,
});
