//! The states that run state graphs: Parallel and Map (inline and distributed).

use super::*;
use sfn_dsl::fields::names as k;
use std::borrow::Cow;

impl<'s> Run<'s> {
    pub(super) fn parallel(
        &mut self,
        cx: &Cx<'_>,
        s: &'s Parallel,
        input: &Value,
        vars: &mut Vars,
    ) -> Result<Done<'s>, Fault> {
        let effective = self.arguments(cx, input, vars, arguments_of!(s))?;
        self.emit(self.event(EventType::ParallelStateStarted, &cx.label))?;
        // Every branch starts from the same input: one value, shared.
        let effective = Arc::new(effective);
        let mut results = Vec::with_capacity(s.branches.len());
        for b in &s.branches {
            let mut branch_vars = vars.child();
            match self.graph(
                &b.start_at,
                &b.states,
                Arc::clone(&effective),
                &mut branch_vars,
            ) {
                Ok(v) => results.push(Arc::unwrap_or_clone(v)),
                Err(Fault::States(e)) => return Err(Fault::FanOutFailed(e)),
                Err(other) => return Err(other),
            }
        }
        self.emit(self.event(EventType::ParallelStateSucceeded, &cx.label))?;
        self.finish(
            cx,
            input,
            Arc::new(Value::Array(results)),
            vars,
            finish_of!(s),
        )
    }

    pub(super) fn map(
        &mut self,
        cx: &Cx<'_>,
        s: &'s MapState,
        input: &Value,
        vars: &mut Vars,
    ) -> Result<Done<'s>, Fault> {
        let jsonata = is_jsonata(cx.lang);
        let distributed = s.is_distributed();
        // The input as the Map's fields see it: borrowed unless `InputPath` selects a part.
        let effective = if jsonata || s.input_path.is_none() {
            Cow::Borrowed(input)
        } else {
            Cow::Owned(self.input_path(cx, s.input_path.as_ref(), input, vars)?)
        };
        let effective: &Value = &effective;
        // `$states` of the JSONata fields, the reader's and the writer's (a copy of the input
        // and of the context: made only when one of them needs it).
        let states = if jsonata || s.item_reader.is_some() || s.result_writer.is_some() {
            cx.states_binding(input)
        } else {
            Value::Null
        };
        let items = if let Some(reader) = &s.item_reader {
            self.read_items(cx, reader, &states, effective, vars)?
        } else if jsonata {
            match &s.items {
                Some(t) => self.jsonata_payload(cx, t, &states, vars, k::Items)?,
                None => input.clone(),
            }
        } else {
            match &s.items_path {
                Some(p) => self
                    .path(p, effective, cx.context(), vars)?
                    .ok_or_else(|| cx.not_found(p, k::ItemsPath, effective))?,
                None => effective.clone(),
            }
        };
        let Value::Array(items) = items else {
            let detail = format!(
                "Map state input must be an array but was: {}",
                json::compact(&items)
            );
            return Err(if jsonata {
                cx.query_error(detail)
            } else {
                cx.runtime(detail)
            });
        };
        let d = s.max_concurrency.as_ref();
        if let Some(n) = self.dynamic(cx, d, effective, vars, k::MaxConcurrency)?
            && n < 0
        {
            return Err(cx.runtime(format!(
                "Expected non-negative integer for MaxConcurrency, got '{n}' instead."
            )));
        }
        let d = s.tolerated_failure_count.as_ref();
        let tolerated_count = self.dynamic(cx, d, effective, vars, k::ToleratedFailureCount)?;
        if tolerated_count.is_some_and(|n| n < 0) {
            return Err(cx.runtime("ToleratedFailureCount cannot be negative."));
        }
        let d = s.tolerated_failure_percentage.as_ref();
        let field = k::ToleratedFailurePercentage;
        let tolerated_percentage = self.dynamic(cx, d, effective, vars, field)?;
        if tolerated_percentage.is_some_and(|p| !(0.0..=100.0).contains(&p)) {
            let detail = "ToleratedFailurePercentage must be between 0 and 100.";
            return Err(if jsonata {
                cx.query_error(detail)
            } else {
                cx.runtime(detail)
            });
        }
        // With an ItemBatcher, each item goes through the ItemSelector first and the
        // batches are the iterations' inputs; without one, each item is selected as its
        // iteration starts.
        let batched = match &s.item_batcher {
            Some(b) => {
                let mut selected = Vec::with_capacity(items.len());
                for (index, item) in items.into_iter().enumerate() {
                    selected.push(self.select_item(cx, s, index, item, input, effective, vars)?);
                }
                self.batches(cx, b, selected, effective, vars)?
            }
            None => items,
        };
        let mut started = self.event(EventType::MapStateStarted, &cx.label);
        started.length = Some(batched.len());
        self.emit(started)?;
        if distributed {
            self.emit(self.event(EventType::MapRunStarted, &cx.label))?;
        }
        let processor = s.processor.get();
        let mut results = Vec::with_capacity(batched.len());
        let mut failures = 0usize;
        let total = batched.len();
        for (index, item) in batched.into_iter().enumerate() {
            let item_input = match &s.item_batcher {
                Some(_) => item,
                None => self.select_item(cx, s, index, item, input, effective, vars)?,
            };
            let mut ev = self.event(EventType::MapIterationStarted, &cx.label);
            ev.index = Some(index);
            if !distributed {
                self.emit(ev)?;
            }
            let outer = self.child_events;
            let mut iteration_vars = if distributed {
                self.child_events = Some(0);
                Vars::default()
            } else {
                vars.child()
            };
            let outcome = self.graph(
                &processor.start_at,
                &processor.states,
                Arc::new(item_input),
                &mut iteration_vars,
            );
            self.child_events = outer;
            match outcome {
                Ok(v) => {
                    let mut ev = self.event(EventType::MapIterationSucceeded, &cx.label);
                    ev.index = Some(index);
                    if !distributed {
                        self.emit(ev)?;
                    }
                    results.push(Arc::unwrap_or_clone(v));
                }
                Err(Fault::States(e)) if distributed => {
                    failures += 1;
                    results.push(json!({k::Error: e.error, k::Cause: e.cause}));
                }
                Err(Fault::States(e)) => {
                    let mut ev = self.event(EventType::MapIterationFailed, &cx.label);
                    ev.index = Some(index);
                    self.emit(ev)?;
                    return Err(Fault::FanOutFailed(e));
                }
                Err(other) => return Err(other),
            }
        }
        if distributed && failures > 0 {
            let count_ok = tolerated_count.is_some_and(|n| failures as i64 <= n);
            let pct_ok = tolerated_percentage
                .is_some_and(|p| (failures as f64) * 100.0 / (total as f64) <= p);
            if !count_ok && !pct_ok {
                self.emit(self.event(EventType::MapRunFailed, &cx.label))?;
                let e = StatesError::new(
                    names::EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    "The specified tolerated failure threshold was exceeded",
                );
                return Err(Fault::FanOutFailed(e));
            }
        }
        if distributed {
            self.emit(self.event(EventType::MapRunSucceeded, &cx.label))?;
        }
        self.emit(self.event(EventType::MapStateSucceeded, &cx.label))?;
        let result = match &s.result_writer {
            Some(writer) => self.write_results(cx, writer, results, &states, effective, vars)?,
            None => Value::Array(results),
        };
        self.finish(cx, input, Arc::new(result), vars, finish_of!(s))
    }

    /// Groups items as `ItemBatcher` says: `{"Items": [...]}` plus the `BatchInput` members.
    pub(super) fn batches(
        &mut self,
        cx: &Cx<'_>,
        b: &sfn_dsl::model::ItemBatcher,
        items: Vec<Value>,
        input: &Value,
        vars: &Vars,
    ) -> Result<Vec<Value>, Fault> {
        let d = b.max_items_per_batch.as_ref();
        let max_items = self.dynamic(cx, d, input, vars, k::MaxItemsPerBatch)?;
        let d = b.max_input_bytes_per_batch.as_ref();
        let max_bytes = self.dynamic(cx, d, input, vars, k::MaxInputBytesPerBatch)?;
        let batch_input = match &b.batch_input {
            Some(t) if is_jsonata(cx.lang) => {
                let states = cx.states_binding(input);
                Some(self.jsonata_payload(cx, t, &states, vars, k::BatchInput)?)
            }
            Some(t) => Some(self.payload(cx, t, input, vars, k::BatchInput)?),
            None => None,
        };
        let max_items = max_items.map_or(usize::MAX, |n| n.max(1) as usize);
        let max_bytes = max_bytes.map_or(usize::MAX, |n| n.max(1) as usize);
        let mut out: Vec<Vec<Value>> = Vec::new();
        let mut bytes = 0;
        for item in items {
            let size = json::size(&item);
            match out.last_mut() {
                Some(last) if last.len() < max_items && bytes + size <= max_bytes => {
                    bytes += size;
                    last.push(item);
                }
                _ => {
                    bytes = size;
                    out.push(vec![item]);
                }
            }
        }
        Ok(out
            .into_iter()
            .map(|items| {
                let mut batch = Map::new();
                if let Some(bi) = &batch_input {
                    batch.insert(k::BatchInput.to_owned(), bi.clone());
                }
                batch.insert(k::Items.to_owned(), Value::Array(items));
                Value::Object(batch)
            })
            .collect())
    }

    /// The input of the iteration of one item: the item, or what `ItemSelector` makes of it
    /// (with `$$.Map.Item.Index` and `$$.Map.Item.Value` in the context object).
    #[allow(clippy::too_many_arguments)]
    fn select_item(
        &mut self,
        cx: &Cx<'_>,
        s: &MapState,
        index: usize,
        item: Value,
        input: &Value,
        effective: &Value,
        vars: &Vars,
    ) -> Result<Value, Fault> {
        let Some(sel) = &s.item_selector else {
            return Ok(item);
        };
        let mut context = cx.context().clone();
        context["Map"] = json!({"Item": {"Index": index, "Value": item}});
        let item_cx = Cx::ready(cx, context);
        if is_jsonata(cx.lang) {
            let states = json!({"input": input, "context": item_cx.context()});
            self.jsonata_payload(&item_cx, sel.template(), &states, vars, k::ItemSelector)
        } else {
            self.payload(&item_cx, sel.template(), effective, vars, k::ItemSelector)
        }
    }

    /// The items of a Map with an `ItemReader`: what its mock
    /// ([`Simulator::mock_item_reader`](crate::Simulator::mock_item_reader)) returns for the
    /// reader's effective `Parameters` (or `Arguments`), cut to `ReaderConfig.MaxItems`.
    fn read_items(
        &mut self,
        cx: &Cx<'_>,
        reader: &sfn_dsl::model::ItemReader,
        states: &Value,
        effective: &Value,
        vars: &Vars,
    ) -> Result<Value, Fault> {
        let params = self.side_parameters(
            cx,
            reader.parameters.as_ref(),
            reader.arguments.as_ref(),
            states,
            effective,
            vars,
        )?;
        let sim = self.sim;
        let Some(mock) = sim.reader_mocks.get(cx.name) else {
            return Err(cx.unsupported(format!(
                "reading the items of ItemReader '{}': mock them with Simulator::mock_item_reader(\"{}\", …)",
                reader.resource, cx.name
            )));
        };
        let key = format!("reader:{}", cx.name);
        let items = self.side_call(cx, key, mock, &reader.resource, &params)?;
        let Value::Array(mut items) = items else {
            return Err(Fault::States(StatesError::new(
                names::ITEM_READER_FAILED,
                format!(
                    "{}The ItemReader returned {} instead of an array of items",
                    cx.prefix(),
                    json::compact(&items)
                ),
            )));
        };
        let d = reader
            .reader_config
            .as_ref()
            .and_then(|c| c.max_items.as_ref());
        if let Some(max) = self.dynamic(cx, d, effective, vars, k::MaxItems)?
            && max > 0
        {
            items.truncate(usize::try_from(max).unwrap_or(usize::MAX));
        }
        Ok(Value::Array(items))
    }

    /// The result of a Map with a `ResultWriter`: what its mock
    /// ([`Simulator::mock_result_writer`](crate::Simulator::mock_result_writer)) returns for
    /// the writer's effective `Parameters` (or `Arguments`) and the iteration results (on AWS,
    /// the `MapRunArn` and `ResultWriterDetails`).
    fn write_results(
        &mut self,
        cx: &Cx<'_>,
        writer: &sfn_dsl::model::ResultWriter,
        results: Vec<Value>,
        states: &Value,
        effective: &Value,
        vars: &Vars,
    ) -> Result<Value, Fault> {
        let params = self.side_parameters(
            cx,
            writer.parameters.as_ref(),
            writer.arguments.as_ref(),
            states,
            effective,
            vars,
        )?;
        let sim = self.sim;
        let resource = writer
            .resource
            .as_deref()
            .unwrap_or("arn:aws:states:::s3:putObject");
        let Some(mock) = sim.writer_mocks.get(cx.name) else {
            return Err(cx.unsupported(format!(
                "writing the results with ResultWriter '{resource}': mock it with Simulator::mock_result_writer(\"{}\", …)",
                cx.name
            )));
        };
        let call = json!({k::Parameters: params, "Results": results});
        self.side_call(cx, format!("writer:{}", cx.name), mock, resource, &call)
    }

    /// The effective `Parameters` (JSONPath, `$` = the Map's effective input) or `Arguments`
    /// (JSONata) of an `ItemReader` or a `ResultWriter`.
    fn side_parameters(
        &mut self,
        cx: &Cx<'_>,
        parameters: Option<&PayloadValue>,
        arguments: Option<&PayloadValue>,
        states: &Value,
        effective: &Value,
        vars: &Vars,
    ) -> Result<Value, Fault> {
        match (is_jsonata(cx.lang), parameters, arguments) {
            (true, _, Some(a)) => self.jsonata_payload(cx, a, states, vars, k::Arguments),
            (false, Some(p), _) => self.payload(cx, p, effective, vars, k::Parameters),
            _ => Ok(json!({})),
        }
    }

    /// Calls the mock of an `ItemReader` or a `ResultWriter`: its value, or its error as the
    /// Map's error; its duration moves the clock.
    fn side_call(
        &mut self,
        cx: &Cx<'_>,
        key: String,
        mock: &Mock,
        resource: &str,
        parameters: &Value,
    ) -> Result<Value, Fault> {
        let call = TaskCall {
            state: cx.name,
            resource,
            parameters,
            context: cx.context(),
            attempt: 0,
        };
        match self.invoke_mock(key, mock, &call)? {
            (outcome, Some(seconds)) => {
                self.advance(seconds as f64)?;
                outcome.map_err(Fault::States)
            }
            (_, None) => Err(Fault::Sim(SimError::Mock {
                state: cx.name.to_owned(),
                message: format!("the mock of '{resource}' never completes"),
            })),
        }
    }
}
