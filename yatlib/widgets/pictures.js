// Pictures of items and prototypes (grey values on an H x W grid) drawn on a canvas in the tones
// of the current theme: a value 0 is the page's background and 1 is its ink (theme().fg), so a
// garment reads as a drawing on paper in the light theme and as a light picture in the dark one.
// Needs dom.js (theme). Plain functions, no exports.

/** "#rrggbb" -> [r, g, b]. */
function hexRGB(hex) {
  const s = String(hex).replace("#", "");
  const v = parseInt(s.length === 3 ? s.split("").map((c) => c + c).join("") : s, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** A 256-entry lookup table: byte value -> [r, g, b] between the theme's background and ink. */
function pictureTones() {
  const t = theme(), bg = hexRGB(t.bg), fg = hexRGB(t.fg);
  return Array.from({ length: 256 }, (_, v) => [0, 1, 2].map((k) => Math.round(bg[k] + (fg[k] - bg[k]) * v / 255)));
}

/**
 * An H x W canvas holding picture `index` of a block of pictures (`pixels`, one byte 0..255 per
 * value, pictures back to back), in the theme's tones (`tones` from pictureTones()).
 */
function pictureCanvas(pixels, index, [H, W], tones) {
  const c = document.createElement("canvas");
  c.width = W; c.height = H;
  const ctx = c.getContext("2d"), img = ctx.createImageData(W, H), o = index * H * W;
  const lut = tones || pictureTones();
  for (let i = 0; i < H * W; i++) {
    const rgb = lut[pixels[o + i]];
    img.data[4 * i] = rgb[0]; img.data[4 * i + 1] = rgb[1]; img.data[4 * i + 2] = rgb[2]; img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return c;
}

/**
 * Draw a picture (a canvas from pictureCanvas) into the square box of side `size` at (x, y) of
 * `ctx`: sharp pixels, its aspect ratio kept (centred in the box), with an optional frame of
 * colour `frame` and width `lineWidth` around it.
 */
function drawPicture(ctx, picture, x, y, size, { frame = null, lineWidth = 2 } = {}) {
  const k = size / Math.max(picture.width, picture.height), w = picture.width * k, hgt = picture.height * k;
  const px = x + (size - w) / 2, py = y + (size - hgt) / 2;
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(picture, px, py, w, hgt);
  if (frame) {
    ctx.strokeStyle = frame;
    ctx.lineWidth = lineWidth;
    ctx.strokeRect(px - lineWidth / 2, py - lineWidth / 2, w + lineWidth, hgt + lineWidth);
  }
  ctx.restore();
}

/**
 * A canvas sized for `width` x `height` CSS pixels, sharp on high-density screens: returns
 * {canvas, ctx} with ctx scaled so that drawing uses CSS pixels.
 */
function sharpCanvas(width, height, attrs = {}) {
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const canvas = h("canvas", { width: Math.round(width * ratio), height: Math.round(height * ratio), ...attrs });
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { canvas, ctx, width, height };
}
