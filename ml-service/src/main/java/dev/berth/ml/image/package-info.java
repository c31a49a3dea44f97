/**
 * The image endpoint for people, shaped like DJL Serving's and TorchServe's: {@code POST
 * /predictions/{model}[/{version}]} with a picture (PNG, JPEG, GIF, BMP, TIFF; a raw body
 * or multipart/form-data) answers the top-k labels with probabilities. Decoding uses
 * javax.imageio, no native code; the preprocessing comes from the {@code image:} block of
 * the model's config.yml.
 */
package dev.berth.ml.image;
