/// The API's OpenAPI 3.1 description, served at /api/v1/openapi.json. The same text is committed as
/// docs/openapi.json, where integrators read it; a test keeps the two equal.
enum OpenAPIDocument {
  static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "zhaoshang API",
        "version": "1.0.0",
        "description": "Trips out for investment promotion (外出招商): units report them, the supervision office reviews them. Every request carries `Authorization: Bearer TOKEN` (made with `zhaoshang user token LOGIN`). A unit's token reaches its own unit only; a viewer's changes nothing; only the office approves or returns trips."
      },
      "servers": [
        {
          "url": "/"
        }
      ],
      "security": [
        {
          "bearer": []
        }
      ],
      "paths": {
        "/api/v1/trips": {
          "post": {
            "summary": "Report a trip (one per head named)",
            "description": "A unit's trips are `submitted` until the office approves them; the office's are approved at once. A trip already recorded is not added again (201 becomes 200 with no ids).",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/NewTrip"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "recorded",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Created"
                    }
                  }
                }
              },
              "200": {
                "description": "already recorded; nothing added",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Created"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/Problems",
                "description": "malformed request (bad JSON, a missing field, a bad month)"
              },
              "401": {
                "$ref": "#/components/responses/Problems",
                "description": "no token, or a bad, revoked or disabled one"
              },
              "403": {
                "$ref": "#/components/responses/Problems",
                "description": "outside the caller's role or unit; nothing was written"
              },
              "404": {
                "$ref": "#/components/responses/Problems",
                "description": "no such trip (or not one the caller may see)"
              },
              "409": {
                "$ref": "#/components/responses/Problems",
                "description": "a closed month, or a trip whose review status does not allow this"
              },
              "422": {
                "$ref": "#/components/responses/Problems",
                "description": "invalid values; every problem is listed"
              }
            }
          },
          "get": {
            "summary": "Trips touching a month, with their review status (a unit's token: its own unit's)",
            "parameters": [
              {
                "name": "month",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]{4}-[0-9]{2}$"
                },
                "description": "YYYY-MM; the current month when absent"
              }
            ],
            "responses": {
              "200": {
                "description": "the trips",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "trips"
                      ],
                      "properties": {
                        "trips": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/Trip"
                          }
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/Problems",
                "description": "malformed request (bad JSON, a missing field, a bad month)"
              },
              "401": {
                "$ref": "#/components/responses/Problems",
                "description": "no token, or a bad, revoked or disabled one"
              }
            }
          }
        },
        "/api/v1/trips/{id}/approve": {
          "post": {
            "summary": "Approve a submitted trip (office only)",
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "integer",
                  "format": "int64"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "approved",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Trip"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/Problems",
                "description": "malformed request (bad JSON, a missing field, a bad month)"
              },
              "401": {
                "$ref": "#/components/responses/Problems",
                "description": "no token, or a bad, revoked or disabled one"
              },
              "403": {
                "$ref": "#/components/responses/Problems",
                "description": "outside the caller's role or unit; nothing was written"
              },
              "404": {
                "$ref": "#/components/responses/Problems",
                "description": "no such trip (or not one the caller may see)"
              },
              "409": {
                "$ref": "#/components/responses/Problems",
                "description": "a closed month, or a trip whose review status does not allow this"
              },
              "422": {
                "$ref": "#/components/responses/Problems",
                "description": "invalid values; every problem is listed"
              }
            }
          }
        },
        "/api/v1/trips/{id}/return": {
          "post": {
            "summary": "Return a submitted trip to its unit with a reason (office only)",
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "integer",
                  "format": "int64"
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "type": "object",
                    "required": [
                      "reason"
                    ],
                    "properties": {
                      "reason": {
                        "type": "string",
                        "minLength": 1
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "returned",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Trip"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/Problems",
                "description": "malformed request (bad JSON, a missing field, a bad month)"
              },
              "401": {
                "$ref": "#/components/responses/Problems",
                "description": "no token, or a bad, revoked or disabled one"
              },
              "403": {
                "$ref": "#/components/responses/Problems",
                "description": "outside the caller's role or unit; nothing was written"
              },
              "404": {
                "$ref": "#/components/responses/Problems",
                "description": "no such trip (or not one the caller may see)"
              },
              "409": {
                "$ref": "#/components/responses/Problems",
                "description": "a closed month, or a trip whose review status does not allow this"
              },
              "422": {
                "$ref": "#/components/responses/Problems",
                "description": "invalid values; every problem is listed"
              }
            }
          }
        },
        "/api/v1/reports": {
          "post": {
            "summary": "Declare a month reported (报送), or that nobody went out (未外出, `none`)",
            "description": "Once per unit and month, never changed. A unit's token reports its own unit (`unit` is then ignored); the office names the unit. Until a unit reports, a shortfall is `not_reported` in the check, not `short`, until the rule file's explanation due day passes. A `none` report is still held to the required days. Refused for a month not begun, beside a counted trip of the month when `none`, and in a closed month.",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "type": "object",
                    "required": [
                      "month"
                    ],
                    "properties": {
                      "unit": {
                        "type": "string"
                      },
                      "month": {
                        "type": "string",
                        "pattern": "^[0-9]{4}-[0-9]{2}$"
                      },
                      "none": {
                        "type": "boolean",
                        "description": "nobody went out this month (未外出): a report of zero"
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "the report recorded",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/MonthReport"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/Problems",
                "description": "malformed request (bad JSON, a missing field, a bad month)"
              },
              "403": {
                "$ref": "#/components/responses/Problems",
                "description": "a viewer's token, or another unit's"
              },
              "409": {
                "$ref": "#/components/responses/Problems",
                "description": "already reported, or a closed month"
              },
              "422": {
                "$ref": "#/components/responses/Problems",
                "description": "a unit the rule file does not name, a month not begun, or `none` beside a counted trip"
              }
            }
          },
          "get": {
            "summary": "Which units have reported the month (a unit's token: its own unit)",
            "parameters": [
              {
                "name": "month",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]{4}-[0-9]{2}$"
                },
                "description": "YYYY-MM; the current month when absent"
              }
            ],
            "responses": {
              "200": {
                "description": "every unit of the month's rule file with its report, as `zhaoshang reported --month M --format json`",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "properties": {
                        "month": {
                          "type": "string"
                        },
                        "as_of": {
                          "type": "string"
                        },
                        "month_state": {
                          "type": "string",
                          "enum": [
                            "future",
                            "so_far",
                            "ended"
                          ]
                        },
                        "reports_due": {
                          "type": "string"
                        },
                        "units": {
                          "type": "array",
                          "items": {
                            "type": "object",
                            "properties": {
                              "unit": {
                                "type": "string"
                              },
                              "tier": {
                                "type": "string"
                              },
                              "reported": {
                                "type": "boolean"
                              },
                              "nothing_to_report": {
                                "type": "boolean"
                              },
                              "recorded_by": {
                                "type": [
                                  "string",
                                  "null"
                                ]
                              },
                              "recorded_at": {
                                "type": [
                                  "string",
                                  "null"
                                ]
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Problems",
                "description": "no token, or a bad, revoked or disabled one"
              }
            }
          }
        },
        "/api/v1/check": {
          "get": {
            "summary": "The month's check, as `zhaoshang check --format json`, with pending days (a unit's token: its own unit)",
            "parameters": [
              {
                "name": "month",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]{4}-[0-9]{2}$"
                },
                "description": "YYYY-MM; the current month when absent"
              }
            ],
            "responses": {
              "200": {
                "description": "the check",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Check"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/Problems",
                "description": "malformed request (bad JSON, a missing field, a bad month)"
              },
              "401": {
                "$ref": "#/components/responses/Problems",
                "description": "no token, or a bad, revoked or disabled one"
              },
              "409": {
                "$ref": "#/components/responses/Problems",
                "description": "a closed month, or a trip whose review status does not allow this"
              }
            }
          }
        },
        "/api/v1/openapi.json": {
          "get": {
            "summary": "This document",
            "security": [],
            "responses": {
              "200": {
                "description": "OpenAPI 3.1",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearer": {
            "type": "http",
            "scheme": "bearer"
          }
        },
        "schemas": {
          "Problem": {
            "type": "object",
            "required": [
              "code",
              "field",
              "message"
            ],
            "properties": {
              "code": {
                "type": "string",
                "description": "a stable identifier of the kind of problem: for a value the ledger refuses, one of input.invalid, file.unreadable, file.layout, rules.invalid, date.invalid, text.invalid, value.missing, unit.unknown, head.notOnRoster, roster.invalid, kind.unknown, period.invalid, date.inFuture, trip.overlap, trip.duplicate, trip.repeatsVoided, trip.closedMonth, month.state, review.pending, reason.missing, credentials.weak, explanation.invalid, file.exists; for the request itself, one of invalid, malformed, unauthenticated, csrf, forbidden, not_found, conflict, refused, locked, too_large, method, unavailable"
              },
              "field": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "the request field the problem concerns, or null"
              },
              "message": {
                "type": "string",
                "description": "what is wrong and what to do, in the language asked for (Accept-Language or ?lang=en; Chinese by default)"
              }
            }
          },
          "Problems": {
            "type": "object",
            "required": [
              "problems"
            ],
            "properties": {
              "problems": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "NewTrip": {
            "type": "object",
            "required": [
              "names",
              "from",
              "destination"
            ],
            "properties": {
              "unit": {
                "type": "string",
                "description": "the unit; a unit's token may leave it out (its own unit)"
              },
              "names": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "type": "string"
                }
              },
              "from": {
                "type": "string",
                "description": "any date form the command line accepts, e.g. `2022-07-20` or `2022/7/20 下午` (left at noon)"
              },
              "to": {
                "type": "string",
                "description": "e.g. `2022-07-22 上午` (back at noon); the start day when absent"
              },
              "destination": {
                "type": "string",
                "minLength": 1
              },
              "purpose": {
                "type": "string"
              },
              "companies": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "kind": {
                "type": "string",
                "description": "a kind the rules declare: visit (default), video, online, ..."
              }
            }
          },
          "Created": {
            "type": "object",
            "required": [
              "ids",
              "status"
            ],
            "properties": {
              "id": {
                "type": [
                  "integer",
                  "null"
                ],
                "format": "int64"
              },
              "ids": {
                "type": "array",
                "items": {
                  "type": "integer",
                  "format": "int64"
                }
              },
              "status": {
                "type": "string",
                "enum": [
                  "submitted",
                  "approved"
                ]
              },
              "already_present": {
                "type": "integer"
              }
            }
          },
          "Trip": {
            "type": "object",
            "required": [
              "id",
              "unit",
              "name",
              "names",
              "from",
              "to",
              "status",
              "destination",
              "kind"
            ],
            "properties": {
              "id": {
                "type": "integer",
                "format": "int64"
              },
              "unit": {
                "type": "string"
              },
              "name": {
                "type": "string"
              },
              "names": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "one trip per head: the head's name, alone"
              },
              "from": {
                "type": "string",
                "format": "date"
              },
              "to": {
                "type": "string",
                "format": "date"
              },
              "from_afternoon": {
                "type": "boolean"
              },
              "to_morning": {
                "type": "boolean"
              },
              "kind": {
                "type": "string"
              },
              "destination": {
                "type": "string"
              },
              "purpose": {
                "type": "string"
              },
              "companies": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "status": {
                "type": "string",
                "enum": [
                  "submitted",
                  "approved",
                  "returned",
                  "withdrawn"
                ]
              },
              "return_reason": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "void": {
                "type": "boolean"
              }
            }
          },
          "MonthReport": {
            "type": "object",
            "properties": {
              "id": {
                "type": "integer"
              },
              "unit": {
                "type": "string"
              },
              "month": {
                "type": "string"
              },
              "nothing_to_report": {
                "type": "boolean"
              },
              "recorded_by": {
                "type": "string"
              },
              "recorded_at": {
                "type": "string"
              }
            }
          },
          "Check": {
            "type": "object",
            "required": [
              "month",
              "people",
              "units"
            ],
            "properties": {
              "month": {
                "type": "string"
              },
              "rules": {
                "type": "object"
              },
              "warnings": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "completeness": {
                "type": "object",
                "description": "where the month stands today: not begun (`future`), under way (`so_far`, with `days_left`) or ended; `has_trips` false and `roster_empty` true make the figures no result; absent for a closed month",
                "properties": {
                  "month_state": {
                    "type": "string",
                    "enum": [
                      "future",
                      "so_far",
                      "ended"
                    ]
                  },
                  "as_of": {
                    "type": "string"
                  },
                  "days_left": {
                    "type": [
                      "integer",
                      "null"
                    ]
                  },
                  "has_trips": {
                    "type": "boolean"
                  },
                  "roster_empty": {
                    "type": "boolean"
                  },
                  "reports_due": {
                    "type": "string"
                  },
                  "reported": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/MonthReport"
                    }
                  },
                  "not_reported": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  }
                }
              },
              "people": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "unit": {
                      "type": "string"
                    },
                    "name": {
                      "type": "string"
                    },
                    "role": {
                      "type": "string"
                    },
                    "tier": {
                      "type": "string"
                    },
                    "days_in_post": {
                      "type": "integer"
                    },
                    "required_days": {
                      "type": "number"
                    },
                    "counted_days": {
                      "type": "number"
                    },
                    "pending_days": {
                      "type": "number"
                    },
                    "shortfall_days": {
                      "type": "number"
                    },
                    "compliant": {
                      "type": "boolean"
                    }
                  }
                }
              },
              "units": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "unit": {
                      "type": "string"
                    },
                    "tier": {
                      "type": "string"
                    },
                    "status": {
                      "type": "string",
                      "enum": [
                        "compliant",
                        "short",
                        "vacant",
                        "not_reported"
                      ]
                    },
                    "people_out": {
                      "type": "integer"
                    },
                    "person_days": {
                      "type": "number"
                    },
                    "explanation_due": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          }
        },
        "responses": {
          "Problems": {
            "description": "every problem with the request, each with a code, the field it concerns and a message",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Problems"
                }
              }
            }
          }
        }
      }
    }
    """# + "\n"
}
