import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import { type AttributionModel, attributionModels, type Impact } from "../../api/types.ts";
import { type DashboardRange, dashboardRangeOf } from "../dashboard/date-range.tsx";
import { costCentsOf } from "./impact-format.ts";

export interface ImpactSettings {
  range: DashboardRange;
  model: AttributionModel;
  /** Null when the URL's cost is not an amount; the report is then asked for without one. */
  otherCostCents: number | null;
}

/** The attribution model a URL names; linear (the API's default) when it names none or an unknown one. */
export const modelOf = (param: string | null): AttributionModel =>
  attributionModels.find((m) => m === param) ?? "linear";

/**
 * What an /impact URL asks for: the dashboard's range (?range=…&from=…&to=…), ?model=… and
 * ?otherCost=… in the report's currency's major units, as typed.
 */
export const impactSettingsOf = (params: URLSearchParams): ImpactSettings => ({
  range: dashboardRangeOf(params),
  model: modelOf(params.get("model")),
  otherCostCents: costCentsOf(params.get("otherCost") ?? ""),
});

export const impactQuery = ({ range, model, otherCostCents }: ImpactSettings) =>
  queryOptions({
    queryKey: ["analytics", "impact", range.from, range.to, model, otherCostCents ?? 0],
    queryFn: ({ signal }) =>
      api.get<Impact>(
        "/api/v1/analytics/impact",
        { from: range.from, to: range.to, model, otherCostCents: otherCostCents || undefined },
        signal,
      ),
    staleTime: 60_000,
  });

/** The previous report stays on screen (dimmed) while a new range, model or cost loads. */
export const useImpact = (settings: ImpactSettings) =>
  useQuery({ ...impactQuery(settings), placeholderData: keepPreviousData });
