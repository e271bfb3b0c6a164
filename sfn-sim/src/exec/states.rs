//! The states that do no work of their own: Pass, Succeed, Fail, Choice and Wait.

use super::*;
use sfn_dsl::fields::names as k;

impl<'s> Run<'s> {
    // ---- the states ----------------------------------------------------------------------------

    pub(super) fn next_of(t: &'s Transition) -> Option<&'s str> {
        match t {
            Transition::Next(n) => Some(n),
            Transition::End => None,
        }
    }

    /// A JSONata state's end: `Output` (`value` when absent) and `Assign`, both evaluated
    /// against `states` (`$states.input`, and `result` where there is one).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn jsonata_output_and_assign(
        &self,
        cx: &Cx<'_>,
        output: Option<&PayloadValue>,
        assign: Option<&PayloadValue>,
        value: &Arc<Value>,
        states: &Value,
        vars: &Vars,
        next: Option<&'s str>,
    ) -> Result<Done<'s>, Fault> {
        let output = self.jsonata_output(cx, output, value, states, vars, k::Output)?;
        let assigned = self.assign_jsonata(cx, assign, states, vars, k::Assign)?;
        Ok(Done {
            output,
            next,
            assigned,
        })
    }

    /// A JSONata state's (or Choice rule's) `Output`, evaluated against `states`; the input
    /// when absent.
    fn jsonata_output(
        &self,
        cx: &Cx<'_>,
        output: Option<&PayloadValue>,
        input: &Arc<Value>,
        states: &Value,
        vars: &Vars,
        field: &str,
    ) -> Result<Arc<Value>, Fault> {
        Ok(match output {
            Some(o) => Arc::new(self.jsonata_payload(cx, o, states, vars, field)?),
            None => Arc::clone(input),
        })
    }

    pub(super) fn pass(
        &mut self,
        cx: &Cx<'_>,
        s: &'s Pass,
        input: &Arc<Value>,
        vars: &mut Vars,
    ) -> Result<Done<'s>, Fault> {
        let next = Self::next_of(&s.transition);
        if is_jsonata(cx.lang) {
            return self.jsonata_output_and_assign(
                cx,
                s.output.as_ref(),
                s.assign.as_ref(),
                input,
                &cx.states_binding(input),
                vars,
                next,
            );
        }
        if s.input_path.is_none()
            && s.parameters.is_none()
            && s.result.is_none()
            && s.result_path.is_none()
            && s.output_path.is_none()
        {
            // The output is the input: the state shares it rather than copying it.
            let assigned = self.assign_jsonpath(cx, s.assign.as_ref(), input, vars)?;
            return Ok(Done {
                output: Arc::clone(input),
                next,
                assigned,
            });
        }
        let effective = self.input_path(cx, s.input_path.as_ref(), input, vars)?;
        let effective = match &s.parameters {
            Some(p) => self.payload(cx, p, &effective, vars, k::Parameters)?,
            None => effective,
        };
        let result = s
            .result
            .as_ref()
            .map_or(effective, sfn_dsl::payload::Literal::to_value);
        // The end of a state with a result, as a Task's, without its `ResultSelector`.
        let fields = Finish {
            result_selector: None,
            result_path: s.result_path.as_ref(),
            output_path: s.output_path.as_ref(),
            output: None,
            assign: s.assign.as_ref(),
            transition: &s.transition,
        };
        self.finish(cx, input, Arc::new(result), vars, fields)
    }

    pub(super) fn succeed(
        &mut self,
        cx: &Cx<'_>,
        s: &'s Succeed,
        input: &Arc<Value>,
        vars: &mut Vars,
    ) -> Result<Done<'s>, Fault> {
        let output = if is_jsonata(cx.lang) {
            let states = cx.states_binding(input);
            self.jsonata_output(cx, s.output.as_ref(), input, &states, vars, k::Output)?
        } else if s.input_path.is_none() && s.output_path.is_none() {
            Arc::clone(input)
        } else {
            let effective = self.input_path(cx, s.input_path.as_ref(), input, vars)?;
            Arc::new(self.output_path(cx, s.output_path.as_ref(), effective, vars)?)
        };
        Ok(Done {
            output,
            next: None,
            assigned: None,
        })
    }

    pub(super) fn fail(&mut self, cx: &Cx<'_>, s: &Fail, input: &Value, vars: &mut Vars) -> Fault {
        let field = |d: &Option<Dynamic<String>>,
                     name: &str,
                     this: &mut Self|
         -> Result<Option<String>, Fault> {
            match d {
                None => Ok(None),
                Some(Dynamic::Value(v)) => Ok(Some(v.clone())),
                Some(Dynamic::Path(e)) => {
                    let v = this.expr(cx, e, input, vars, &format!("{name}Path"))?;
                    Ok(Some(match v {
                        Value::String(s) => s,
                        other => json::compact(&other),
                    }))
                }
                Some(Dynamic::Jsonata(j)) => {
                    let states = cx.states_binding(input);
                    let string = |v: &Value| v.as_str().map(str::to_owned);
                    let v = this.jsonata_of(cx, j, &states, vars, name, "a string", string)?;
                    Ok(Some(v))
                }
            }
        };
        let error = match field(&s.error, k::Error, self) {
            Ok(e) => e,
            Err(f) => return f,
        };
        let cause = match field(&s.cause, k::Cause, self) {
            Ok(c) => c,
            Err(f) => return f,
        };
        Fault::States(StatesError::new(
            error.unwrap_or_default(),
            cause.unwrap_or_default(),
        ))
    }

    pub(super) fn choice(
        &mut self,
        cx: &Cx<'_>,
        s: &'s Choice,
        input: &Arc<Value>,
        vars: &mut Vars,
    ) -> Result<Done<'s>, Fault> {
        if is_jsonata(cx.lang) {
            let states = cx.states_binding(input);
            for (i, rule) in s.choices.iter().enumerate() {
                let holds = match &rule.condition {
                    RuleCondition::Constant(b) => *b,
                    RuleCondition::Jsonata(j) => {
                        let field = format!("Choices[{i}]/Condition");
                        self.jsonata_of(cx, j, &states, vars, &field, "a boolean", Value::as_bool)?
                    }
                    RuleCondition::JsonPath(_) => {
                        return Err(Fault::Sim(SimError::InvalidDefinition(format!(
                            "the JSONata Choice state '{}' has a JSONPath rule",
                            cx.name
                        ))));
                    }
                };
                if holds {
                    // A matching rule's own Output and Assign apply; the state's apply
                    // only when the Default is taken.
                    let field = format!("Choices[{i}]/Output");
                    let output = self.jsonata_output(
                        cx,
                        rule.output.as_ref(),
                        input,
                        &states,
                        vars,
                        &field,
                    )?;
                    let field = format!("Choices[{i}]/Assign");
                    let assigned =
                        self.assign_jsonata(cx, rule.assign.as_ref(), &states, vars, &field)?;
                    return Ok(Done {
                        output,
                        next: Some(&rule.next),
                        assigned,
                    });
                }
            }
            let Some(default) = &s.default else {
                return Err(no_choice(cx));
            };
            return self.jsonata_output_and_assign(
                cx,
                s.output.as_ref(),
                s.assign.as_ref(),
                input,
                &states,
                vars,
                Some(default),
            );
        }
        let effective = match &s.input_path {
            None => Arc::clone(input),
            p => Arc::new(self.input_path(cx, p.as_ref(), input, vars)?),
        };
        let mut chosen = None;
        for rule in &s.choices {
            let RuleCondition::JsonPath(condition) = &rule.condition else {
                return Err(Fault::Sim(SimError::InvalidDefinition(format!(
                    "the JSONPath Choice state '{}' has a JSONata Condition",
                    cx.name
                ))));
            };
            let scope = Scope {
                input: &effective,
                context: cx.context(),
                vars,
            };
            match choice::holds(condition, scope) {
                Ok(true) => {
                    chosen = Some(rule);
                    break;
                }
                Ok(false) => {}
                Err(choice::RuleError::InvalidPath(p)) => {
                    return Err(cx.runtime(format!(
                        "Invalid path '{p}': The choice state's condition path references an invalid value."
                    )));
                }
                Err(choice::RuleError::Fault(f)) => return Err(f),
            }
        }
        let next = match (chosen, &s.default) {
            (Some(rule), _) => rule.next.as_str(),
            (None, Some(d)) => d.as_str(),
            (None, None) => return Err(no_choice(cx)),
        };
        // A matching rule's Assign applies; the state's only when the Default is taken.
        let assign = match chosen {
            Some(rule) => rule.assign.as_ref(),
            None => s.assign.as_ref(),
        };
        let output_path = s.output_path.as_ref();
        self.jsonpath_end(cx, assign, output_path, effective, vars, Some(next))
    }

    pub(super) fn wait(
        &mut self,
        cx: &Cx<'_>,
        s: &'s Wait,
        input: &Arc<Value>,
        vars: &mut Vars,
    ) -> Result<Done<'s>, Fault> {
        let next = Self::next_of(&s.transition);
        let jsonata = is_jsonata(cx.lang);
        let effective = if jsonata || s.input_path.is_none() {
            Arc::clone(input)
        } else {
            Arc::new(self.input_path(cx, s.input_path.as_ref(), input, vars)?)
        };
        let until = match &s.wait_for {
            WaitFor::Seconds(Dynamic::Value(n)) => self.clock.plus_seconds(*n),
            WaitFor::Seconds(Dynamic::Path(e)) => {
                let v = self.expr(cx, e, &effective, vars, k::SecondsPath)?;
                let path = e.as_str();
                match v.as_i64() {
                    Some(n) if n >= 0 => self.clock.plus_seconds(n),
                    Some(_) => {
                        return Err(cx.runtime(format!(
                            "The SecondsPath parameter references a negative value: {path} == {}",
                            display(&v)
                        )));
                    }
                    None => {
                        return Err(cx.runtime(format!(
                            "The SecondsPath parameter cannot be parsed as a long value: {path} == {}",
                            display(&v)
                        )));
                    }
                }
            }
            WaitFor::Seconds(Dynamic::Jsonata(j)) => {
                let states = cx.states_binding(input);
                let kind = "an integer between 0 and 99999999";
                let seconds = |v: &Value| v.as_i64().filter(|n| (0..=99_999_999).contains(n));
                let n = self.jsonata_of(cx, j, &states, vars, k::Seconds, kind, seconds)?;
                self.clock.plus_seconds(n)
            }
            WaitFor::Timestamp(Dynamic::Value(t)) => Timestamp::parse(t).ok_or_else(|| {
                cx.runtime(format!(
                    "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {t}"
                ))
            })?,
            WaitFor::Timestamp(Dynamic::Path(e)) => {
                let v = self.expr(cx, e, &effective, vars, k::TimestampPath)?;
                v.as_str().and_then(Timestamp::parse).ok_or_else(|| {
                    cx.runtime(format!(
                        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {} == {}",
                        e.as_str(),
                        display(&v)
                    ))
                })?
            }
            WaitFor::Timestamp(Dynamic::Jsonata(j)) => {
                let states = cx.states_binding(input);
                let v = self.jsonata_value(cx, j, &states, vars, k::Timestamp)?;
                v.as_str().and_then(Timestamp::parse).ok_or_else(|| {
                    cx.query_error(format!(
                        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {}",
                        display(&v)
                    ))
                })?
            }
        };
        self.advance_to(until)?;
        if jsonata {
            return self.jsonata_output_and_assign(
                cx,
                s.output.as_ref(),
                s.assign.as_ref(),
                input,
                &cx.states_binding(input),
                vars,
                next,
            );
        }
        let output_path = s.output_path.as_ref();
        self.jsonpath_end(cx, s.assign.as_ref(), output_path, effective, vars, next)
    }

    /// A JSONPath Choice or Wait state's end: `Assign` and `OutputPath` (the output is
    /// `effective`, shared, without it), both applied to `effective`.
    fn jsonpath_end(
        &mut self,
        cx: &Cx<'_>,
        assign: Option<&PayloadValue>,
        output_path: Option<&Nullable<Path>>,
        effective: Arc<Value>,
        vars: &Vars,
        next: Option<&'s str>,
    ) -> Result<Done<'s>, Fault> {
        let assigned = self.assign_jsonpath(cx, assign, &effective, vars)?;
        let output = match output_path {
            None => effective,
            p => Arc::new(self.output_path(cx, p, Value::clone(&effective), vars)?),
        };
        Ok(Done {
            output,
            next,
            assigned,
        })
    }
}
