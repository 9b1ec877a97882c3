/**
 * Events of the AREA aggregate (automations: a trigger Action and N Reactions), and their value records. Wire names
 * {@code io.aviary.area.<Event>.v<N>}.
 */
package io.aviary.events.area;
