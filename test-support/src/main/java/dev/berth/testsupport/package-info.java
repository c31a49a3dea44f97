/**
 * What the modules' container tests share: {@link dev.berth.testsupport.RequiresDocker},
 * which turns a missing Docker engine into one clear skip locally and a failure in CI,
 * and fails fast when an image can be neither found nor pulled; and
 * {@link dev.berth.testsupport.TestDatabase}, the databases the tests run on, configured
 * as in production.
 */
package dev.berth.testsupport;
