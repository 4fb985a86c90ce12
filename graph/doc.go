// Package graph is archcheck's model of a program's architecture and the
// algorithms over it: the package import graph of the listed packages
// (package load lists them), the module graph derived from it through the
// config's module assignment, and, added by a Builder, the calls and
// blocking call sites the sync-call analysis found, the files the typed
// load parsed and the rules violated on each module edge. Over a finished
// graph it finds module cycles (Tarjan's SCC and one shortest cycle),
// communities (Louvain) and computes the metrics (coupling, instability,
// abstractness, sizes from the source, I/O, tables). The features built on
// these numbers (suggest, impact, init's proposal) live in package insight.
package graph
