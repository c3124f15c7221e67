// The activity kinds' browser parts (the icebreakers and the kudos round), by kind name. Each module's default export
// is { name, label, hint, screen: {mount}, phone: {mount}, host: {composer, live} } (see docs/architecture.md), with
// optional console hints: timer (false: none), timerLabel, timerDefault, ownWaiting (the live panel lists who it
// waits for itself).
import thisOrThat from "./this_or_that.js";
import wordCloud from "./word_cloud.js";
import moodCheckin from "./mood_checkin.js";
import openQuestion from "./open_question.js";
import hotSeat from "./hot_seat.js";
import whoSaidIt from "./who_said_it.js";
import twoTruths from "./two_truths.js";
import kudos from "./kudos.js";

const MODULES = [
  thisOrThat,
  wordCloud,
  moodCheckin,
  openQuestion,
  hotSeat,
  whoSaidIt,
  twoTruths,
  kudos,
];

export const KINDS = Object.fromEntries(MODULES.map((module) => [module.name, module]));
