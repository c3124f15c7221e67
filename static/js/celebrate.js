// Celebrations for the big screen: confetti on a canvas and short fanfares synthesised with the Web Audio API
// (no audio files, nothing fetched). Both stay quiet when they should: confetti never runs for people who asked for
// less motion (or when the facilitator turned on "Reduce motion"), and sound plays only when the facilitator left it on.
import { prefersReducedMotion } from "./ui.js";

const CONFETTI_COLOURS = ["#ffc23d", "#ff6b57", "#17b3a3", "#3d8bff", "#a066f0", "#f0508c", "#fff8ef"];

/**
 * What the page's moments did, for tests and for anyone checking a screen from the DevTools console
 * (`teamplayMoments`): confetti bursts drawn and left out (reduced motion), frames drawn, and each sound cue played or
 * kept silent (sound off), by name.
 */
export const moments = { bursts: 0, stillBursts: 0, frames: 0, played: {}, muted: {} };
Object.defineProperty(window, "teamplayMoments", { value: moments });

function count(table, name) {
  table[name] = (table[name] || 0) + 1;
}

/**
 * Confetti over the whole page on `canvas` (a fixed, full-viewport canvas that ignores the pointer).
 * burst({colours, pieces, durationMs}) returns false (and draws nothing) when reduced motion is asked for.
 */
export function createConfetti(canvas) {
  let frame = null;
  let pieces = [];
  let endsAt = 0;

  function resize() {
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    canvas.width = Math.round(window.innerWidth * ratio);
    canvas.height = Math.round(window.innerHeight * ratio);
    canvas.getContext("2d").setTransform(ratio, 0, 0, ratio, 0, 0);
  }

  function step(now) {
    const ctx = canvas.getContext("2d");
    moments.frames += 1;
    const width = window.innerWidth;
    const height = window.innerHeight;
    ctx.clearRect(0, 0, width, height);
    let alive = 0;
    for (const p of pieces) {
      p.vy += 0.06 * p.weight;
      p.vx *= 0.995;
      p.x += p.vx + Math.sin((now / 600) + p.phase) * 0.6;
      p.y += p.vy;
      p.angle += p.spin;
      if (p.y > height + 20) continue;
      alive += 1;
      const fade = now > endsAt - 600 ? Math.max(0, (endsAt - now) / 600) : 1;
      ctx.save();
      ctx.globalAlpha = fade;
      ctx.translate(p.x, p.y);
      ctx.rotate(p.angle);
      ctx.fillStyle = p.colour;
      ctx.fillRect(-p.size / 2, -p.size / 4, p.size, p.size / 2);
      ctx.restore();
    }
    if (alive && now < endsAt) {
      frame = requestAnimationFrame(step);
    } else {
      stop();
    }
  }

  function stop() {
    if (frame) cancelAnimationFrame(frame);
    frame = null;
    pieces = [];
    canvas.getContext("2d").clearRect(0, 0, canvas.width, canvas.height);
    canvas.hidden = true;
  }

  function burst({ colours = [], pieces: count = 180, durationMs = 5000 } = {}) {
    if (prefersReducedMotion()) {
      moments.stillBursts += 1;
      return false;
    }
    moments.bursts += 1;
    canvas.dataset.bursts = String(moments.bursts);
    const palette = [...colours.filter(Boolean), ...CONFETTI_COLOURS];
    canvas.hidden = false;
    resize();
    const width = window.innerWidth;
    const height = window.innerHeight;
    const unit = Math.min(height, width / 1.78) / 100;
    for (let i = 0; i < count; i += 1) {
      const fromLeft = i % 2 === 0;
      pieces.push({
        x: fromLeft ? Math.random() * width * 0.3 : width - Math.random() * width * 0.3,
        y: -Math.random() * height * 0.4,
        vx: (fromLeft ? 1 : -1) * (1 + Math.random() * 3.5) * unit * 0.35,
        vy: Math.random() * 2,
        size: unit * (1 + Math.random() * 1.2),
        weight: 0.6 + Math.random() * 0.8,
        angle: Math.random() * Math.PI,
        spin: (Math.random() - 0.5) * 0.3,
        phase: Math.random() * Math.PI * 2,
        colour: palette[i % palette.length],
      });
    }
    endsAt = performance.now() + durationMs;
    if (!frame) frame = requestAnimationFrame(step);
    return true;
  }

  window.addEventListener("resize", () => {
    if (frame) resize();
  });
  return { burst, stop };
}

// Note frequencies (Hz).
const NOTE = { G4: 392.0, C5: 523.25, E5: 659.25, G5: 783.99, A5: 880.0, C6: 1046.5, E6: 1318.5 };

/**
 * Short synthesised sounds. Browsers start audio only after someone has clicked or pressed a key on the page:
 * unlock() is called from such a gesture; `ready` tells whether sound can play now. `allowed()` is asked before
 * every cue (the event's sound setting), so no cue anywhere can play while the facilitator has turned sound off.
 */
export function createSound({ allowed = () => true } = {}) {
  let ctx = null;

  function context() {
    const AudioContextClass = window.AudioContext || window.webkitAudioContext;
    if (!AudioContextClass) return null;
    if (!ctx) ctx = new AudioContextClass();
    if (ctx.state === "suspended") ctx.resume().catch(() => {});
    return ctx;
  }

  function tone(audio, { frequency, start, duration, type = "triangle", volume = 0.18 }) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = type;
    osc.frequency.setValueAtTime(frequency, start);
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(volume, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
    osc.connect(gain).connect(audio.destination);
    osc.start(start);
    osc.stop(start + duration + 0.05);
  }

  function play(name, notes) {
    if (!allowed()) {
      count(moments.muted, name);
      return false;
    }
    count(moments.played, name);
    const audio = context();
    if (!audio) return false;
    const t0 = audio.currentTime + 0.05;
    for (const note of notes) tone(audio, { ...note, start: t0 + note.at });
    return true;
  }

  return {
    get ready() {
      return Boolean(ctx && ctx.state === "running");
    },
    /** Call from a click or key press: lets the page play sound from then on. */
    unlock() {
      const audio = context();
      if (audio) tone(audio, { frequency: NOTE.C6, start: audio.currentTime, duration: 0.01, volume: 0.0002 });
    },
    /** A soft two-note chime; `step` (0, 1, 2…) raises it, for places revealed one after another. */
    chime(step = 0) {
      const lift = 2 ** (step * 4 / 12);
      return play("chime", [
        { frequency: NOTE.G4 * lift, at: 0, duration: 0.35, type: "sine", volume: 0.2 },
        { frequency: NOTE.C5 * lift, at: 0.12, duration: 0.6, type: "sine", volume: 0.2 },
      ]);
    },
    /** A soft wooden tick for each of a countdown's last seconds (`secondsLeft`), a little higher on the last ones. */
    tick(secondsLeft = 5) {
      const lift = secondsLeft <= 1 ? 2 : secondsLeft <= 3 ? 1.5 : 1;
      return play("tick", [
        { frequency: NOTE.E5 * lift, at: 0, duration: 0.08, type: "sine", volume: 0.12 },
      ]);
    },
    /** A light two-note sparkle for a kudos arriving on the wall. */
    kudos() {
      return play("kudos", [
        { frequency: NOTE.E6, at: 0, duration: 0.25, type: "sine", volume: 0.08 },
        { frequency: NOTE.C6, at: 0.09, duration: 0.4, type: "sine", volume: 0.07 },
      ]);
    },
    /** A short brass-like fanfare: a rising arpeggio, then a held major chord. */
    fanfare() {
      const notes = [
        { frequency: NOTE.G4, at: 0, duration: 0.18 },
        { frequency: NOTE.C5, at: 0.16, duration: 0.18 },
        { frequency: NOTE.E5, at: 0.32, duration: 0.18 },
        { frequency: NOTE.G5, at: 0.48, duration: 0.3 },
        { frequency: NOTE.E5, at: 0.78, duration: 0.14 },
        { frequency: NOTE.G5, at: 0.92, duration: 1.3, volume: 0.16 },
        { frequency: NOTE.C5, at: 0.92, duration: 1.3, volume: 0.12 },
        { frequency: NOTE.E5, at: 0.92, duration: 1.3, volume: 0.12 },
        { frequency: NOTE.C6, at: 0.92, duration: 1.4, volume: 0.14 },
      ];
      // A square wave an octave down gives the notes some brass.
      const brass = notes.map((n) => ({ ...n, frequency: n.frequency / 2, type: "square", volume: (n.volume || 0.18) * 0.25 }));
      return play("fanfare", [...notes, ...brass]);
    },
  };
}
