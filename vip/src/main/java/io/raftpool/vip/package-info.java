/**
 * raftpool vip. See ../shared/DESIGN.md for what this module owns; its code arrives with the issue that
 * needs it.
 */
package io.raftpool.vip;
