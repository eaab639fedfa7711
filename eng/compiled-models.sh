#!/usr/bin/env bash
# Regenerates the EF Core compiled models of the named modules (default: all) and both providers
# (Data/CompiledModels/<Provider>), e.g. eng/compiled-models.sh Access. Each run writes a new model id, so name only
# the modules whose model changed.
# Run it after changing an entity, a configuration or a migration-relevant model setting; the test
# CompiledModelTests fails until the compiled models match the models EF builds from the code.
# Needs dotnet-ef (dotnet tool install --global dotnet-ef).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:$HOME/.dotnet/tools"
for module in ${@:-Access Intel Taxii Notifications Teams Incidents Federation}; do
  project="src/Modules/Concord.$module"
  dotnet build "$project" -v q -nologo
  for provider in Sqlite Postgres; do
    rm -rf "$project/Data/CompiledModels/$provider"
    dotnet ef dbcontext optimize --no-build --project "$project" \
      --context "${provider}${module}DbContext" \
      --output-dir "Data/CompiledModels/$provider" \
      --namespace "Concord.$module.Data.CompiledModels.$provider" >/dev/null
    # EF writes public classes; a module's surface is its contract (PublicContractTests), so they become internal.
    sed -i 's/^    public partial class /    internal partial class /' "$project/Data/CompiledModels/$provider"/*.cs
  done
done
echo "compiled models regenerated; rebuild before running the tests"
