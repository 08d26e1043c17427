// How `seed` reports what it did: a short table, or one JSON object.
#pragma once

#include <ostream>

#include "clients/loadgen/options.h"
#include "clients/loadgen/seeder.h"

namespace refnet::loadgen {

void PrintSeedTable(const SeedOptions& options, const SeedSummary& summary, std::ostream& out);
void PrintSeedJson(const SeedOptions& options, const SeedSummary& summary, std::ostream& out);

}  // namespace refnet::loadgen
