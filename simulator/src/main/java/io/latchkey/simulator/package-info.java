/** Device simulators speaking the real device protocols over HTTP (issue 3 item 7, issue 9 item 1). */
package io.latchkey.simulator;
