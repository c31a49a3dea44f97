/**
 * Hot reload: watches the model repository folder (file system events where they arrive,
 * plus a periodic rescan, since bind mounts and overlay file systems may deliver none),
 * asks {@link dev.berth.ml.repository.ReloadPlanner} what differs, and hands each change
 * to {@link dev.berth.ml.repository.ModelLifecycle} once its files have been still for a
 * settle period, so that a half-copied model is never loaded. The lifecycle loads, warms
 * up and swaps; this package only decides when.
 */
package dev.berth.ml.reload;
