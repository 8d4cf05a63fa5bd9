def merge_streams(streams):
    all_records = []
    for stream in streams:
        previous = None
        for record in stream:
            if previous is not None and record[0] < previous:
                raise ValueError("unsorted stream")
            previous = record[0]
            all_records.append(record)
    # sorted() is stable: equal timestamps keep stream order, then in-stream order
    return sorted(all_records, key=lambda record: record[0])
