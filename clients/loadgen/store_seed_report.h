// How `seed-store` reports what it wrote: a short table, or one JSON object.
#pragma once

#include <ostream>

#include "clients/loadgen/store_seed_options.h"
#include "clients/loadgen/store_seeder.h"

namespace refnet::loadgen {

void PrintStoreSeedTable(const StoreSeedOptions& options, const StoreSeedSummary& summary,
                         std::ostream& out);
void PrintStoreSeedJson(const StoreSeedOptions& options, const StoreSeedSummary& summary,
                        std::ostream& out);

}  // namespace refnet::loadgen
