// The API's own Prometheus metrics: requests and latency by route, errors by status. No dependencies.
const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

export class ApiMetrics {
  private requests = new Map<string, number>();
  private latency = new Map<string, Series>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${route}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const lkey = `method="${method}",route="${route}"`;
    const s = this.latency.get(lkey) ?? { count: 0, sum: 0, buckets: buckets.map(() => 0) };
    s.count++;
    s.sum += seconds;
    buckets.forEach((b, i) => {
      if (seconds <= b) s.buckets[i]!++;
    });
    this.latency.set(lkey, s);
  }

  render(): string {
    const lines = [
      '# HELP anjian_http_requests_total HTTP requests by route and status.',
      '# TYPE anjian_http_requests_total counter',
    ];
    for (const [k, v] of this.requests) lines.push(`anjian_http_requests_total{${k}} ${v}`);
    lines.push(
      '# HELP anjian_http_request_duration_seconds HTTP request latency by route.',
      '# TYPE anjian_http_request_duration_seconds histogram',
    );
    for (const [k, s] of this.latency) {
      buckets.forEach((b, i) =>
        lines.push(`anjian_http_request_duration_seconds_bucket{${k},le="${b}"} ${s.buckets[i]}`),
      );
      lines.push(`anjian_http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`);
      lines.push(`anjian_http_request_duration_seconds_sum{${k}} ${s.sum}`);
      lines.push(`anjian_http_request_duration_seconds_count{${k}} ${s.count}`);
    }
    const mem = process.memoryUsage();
    lines.push('# TYPE anjian_process_resident_memory_bytes gauge', `anjian_process_resident_memory_bytes ${mem.rss}`);
    return `${lines.join('\n')}\n`;
  }
}
