/**
 * The one definition of "picture to model input", shared by ml-service's image endpoint
 * and web-backend's uploads and batch jobs: {@link dev.berth.image.ImageDecoder} reads
 * PNG, JPEG and the other formats javax.imageio knows within a memory budget, and
 * {@link dev.berth.image.ImagePreprocessor} turns the picture into values as an
 * {@link dev.berth.image.ImageSpec} says (MNIST's digit recipe among them). Plain Java:
 * no Spring, no native code.
 */
package dev.berth.image;
