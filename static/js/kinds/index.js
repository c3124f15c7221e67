// The icebreaker kinds' browser parts, by kind name. Each module's default export is
// { name, label, hint, screen: {mount}, phone: {mount}, host: {composer, live} } (see docs/architecture.md).
import thisOrThat from "./this_or_that.js";
import wordCloud from "./word_cloud.js";
import moodCheckin from "./mood_checkin.js";
import openQuestion from "./open_question.js";
import hotSeat from "./hot_seat.js";
import whoSaidIt from "./who_said_it.js";
import twoTruths from "./two_truths.js";

const MODULES = [
  thisOrThat,
  wordCloud,
  moodCheckin,
  openQuestion,
  hotSeat,
  whoSaidIt,
  twoTruths,
];

export const KINDS = Object.fromEntries(MODULES.map((module) => [module.name, module]));
